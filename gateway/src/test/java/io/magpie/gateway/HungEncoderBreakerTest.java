package io.magpie.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.testsupport.EncoderServiceTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hung encoder (the real encoder-service, stopped with SIGSTOP: it accepts connections and never answers) costs
 * each search the encode timeout only until the encoder branch's circuit breaker opens; then searches skip the
 * branch at once, degraded, and after SIGCONT the breaker closes again. Retrieval, kg and fusion are unreachable
 * here (closed ports), so every answer is the "no source answered" problem; what it names and how long it takes
 * are what changes.
 */
@QuarkusTest
@TestProfile(HungEncoderBreakerTest.Profile.class)
class HungEncoderBreakerTest {

    private static final Duration ENCODE_TIMEOUT = Duration.ofSeconds(5);
    private static final int WINDOW = 4;
    private static final Pattern BREAKER_STATE =
            Pattern.compile("magpie_outbound_breaker_state\\{branch=\"encoder\"[^}]*} ([0-9.]+)");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "magpie.gateway.search.timeouts.encode", ENCODE_TIMEOUT.toSeconds() + "s",
                    "magpie.gateway.breakers.window", String.valueOf(WINDOW),
                    "magpie.gateway.breakers.failure-ratio", "1",
                    "magpie.gateway.breakers.delay", "10s",
                    "magpie.gateway.breakers.success-threshold", "1",
                    "magpie.gateway.search.vector-cache.enabled", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EncoderServiceTestResource.class));
        }
    }

    @AfterEach
    void resumeEncoder() throws Exception {
        signalEncoder("CONT");
    }

    @Test
    void anOpenBreakerSkipsTheHungEncoderAtOnceAndClosesWhenItAnswersAgain() throws Exception {
        // a fresh encoder's first answers may take longer than the timeout on a busy machine
        assertFalse(encoderDegradedUntil(Duration.ofSeconds(90)), "the encoder answers before it is stopped");

        signalEncoder("STOP");
        for (int i = 0; i < WINDOW; i++) {
            long began = System.nanoTime();
            Response waited = search();
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            assertTrue(took.compareTo(ENCODE_TIMEOUT) >= 0, "a closed breaker waits for the encode timeout: " + took);
            assertTrue(detail(waited).contains("encoder"), detail(waited));
        }
        assertEquals(1.0, encoderBreakerState(), "open after " + WINDOW + " timeouts in a row");

        // open: the branch is degraded without waiting for the encoder at all
        for (int i = 0; i < 3; i++) {
            long began = System.nanoTime();
            Response skipped = search();
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            assertTrue(took.compareTo(ENCODE_TIMEOUT.dividedBy(2)) < 0, "an open breaker does not wait: " + took);
            assertTrue(detail(skipped).contains("encoder"), detail(skipped));
        }
        assertTrue(metrics().contains("magpie_outbound_rejected_total{branch=\"encoder\",reason=\"breaker-open\""));

        signalEncoder("CONT");
        assertFalse(encoderDegradedUntil(Duration.ofSeconds(30)), "the encoder answers again within 30 s of SIGCONT");
        assertEquals(0.0, encoderBreakerState(), "closed again");
    }

    /** Searches until the encoder is not among the degraded branches or the time is up; whether it still was. */
    private static boolean encoderDegradedUntil(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (detail(search()).contains("encoder")) {
            if (System.nanoTime() > deadline) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** A dense-only search with a query text never seen before (no vector or ranking cache can answer it). */
    private static Response search() {
        return given().header("Authorization", "Bearer test-eval-key")
                .queryParam("q", "hung peer " + UUID.randomUUID())
                .queryParam("sources", "dense")
                .when()
                .get("/api/v1/search")
                .then()
                .statusCode(503)
                .extract()
                .response();
    }

    private static String detail(Response problem) {
        return problem.jsonPath().getString("detail");
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double encoderBreakerState() {
        Matcher state = BREAKER_STATE.matcher(metrics());
        assertTrue(state.find(), "the encoder breaker's gauge");
        return Double.parseDouble(state.group(1));
    }

    private static void signalEncoder(String signal) throws IOException, InterruptedException {
        String pid = ConfigProvider.getConfig()
                .getOptionalValue(EncoderServiceTestResource.PID_KEY, String.class)
                .orElseThrow(() -> new IllegalStateException("this test needs an encoder it started itself"));
        int exit = new ProcessBuilder("kill", "-" + signal, pid)
                .inheritIO()
                .start()
                .waitFor();
        assertEquals(0, exit, "kill -" + signal + " " + pid);
    }
}
