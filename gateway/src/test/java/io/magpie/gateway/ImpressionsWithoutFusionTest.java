package io.magpie.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.testsupport.KgServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The impression recorder when fusion-service is down (its address is a closed port of loopback, a real refused
 * connection): searches still answer 200 from kg-service's candidates (fused locally), every served list is either
 * dropped from the full buffer or dropped after its retries, and each is counted by reason. The buffer holds two
 * lists and the sender one, retried once after 4 s (long beside the ten searches, which mostly read the cache), so
 * the buffer is full while the searches run.
 */
@QuarkusTest
@TestProfile(ImpressionsWithoutFusionTest.SmallBuffer.class)
@QuarkusTestResource(value = KgServiceTestResource.class, restrictToAnnotatedClass = true)
class ImpressionsWithoutFusionTest {

    private static final int SEARCHES = 10;
    private static final Pattern DROPPED =
            Pattern.compile("magpie_impressions_dropped_total\\{[^}]*reason=\"(\\w+)\"[^}]*} ([0-9.eE+]+)");

    public static class SmallBuffer extends PatientBranches {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(super.getConfigOverrides());
            config.putAll(Map.of(
                    "magpie.gateway.impressions.buffer-size", "2",
                    "magpie.gateway.impressions.batch-size", "1",
                    "magpie.gateway.impressions.max-attempts", "2",
                    "magpie.gateway.impressions.initial-backoff", "4s"));
            return config;
        }
    }

    private static Map<String, Double> dropped() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> byReason = new java.util.HashMap<>();
        Matcher matcher = DROPPED.matcher(metrics);
        while (matcher.find()) {
            byReason.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return byReason;
    }

    @Test
    void listsAreDroppedAndCountedWhileSearchesStillAnswer() throws InterruptedException {
        String kg = ConfigProvider.getConfig().getValue(KgServiceTestResource.CONFIG_KEY, String.class);
        given().baseUri(kg)
                .contentType(ContentType.JSON)
                .body(IntStream.range(0, 3)
                        .mapToObj(i -> "{\"id\":\"Q-" + i + "\",\"title\":\"Quorvane lamp " + i
                                + "\",\"brand\":\"Quorvane\",\"category\":[\"Home\"],\"attributes\":{},\"version\":1}")
                        .collect(Collectors.joining(",", "[", "]")))
                .put("/v1/graph/products")
                .then()
                .statusCode(204);

        List<Long> took = new ArrayList<>();
        for (int i = 0; i < SEARCHES; i++) {
            took.add(given().queryParam("q", "quorvane")
                    .get("/api/v1/search")
                    .then()
                    .statusCode(200)
                    .body("degraded", hasItem("fusion"))
                    .extract()
                    .jsonPath()
                    .getLong("tookMs"));
        }
        // figures for the record, not a threshold: the first search asks kg-service, the others read the cache
        System.out.println("search tookMs with fusion-service down and the impression buffer full: " + took);

        Map<String, Double> counts = dropped();
        assertTrue(counts.getOrDefault("buffer_full", 0.0) >= 1, "a full buffer drops and counts: " + counts);
        // every list ends dropped, by the full buffer or after its retries (4 s each): wait for all of them
        for (int i = 0; i < 480 && total(counts) < SEARCHES; i++) {
            Thread.sleep(250);
            counts = dropped();
        }
        assertEquals(SEARCHES, total(counts), "each served list is counted once: " + counts);
        assertTrue(counts.getOrDefault("send_failed", 0.0) >= 1, "retries exhausted are counted: " + counts);
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("magpie_impressions_sent_total 0.0"), "nothing was sent");
    }

    private static double total(Map<String, Double> counts) {
        return counts.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
