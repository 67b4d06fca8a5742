package io.magpie.fusion.restart;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;

import io.magpie.testsupport.PostgresTestResource;
import io.magpie.testsupport.StoreRecovery;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Events across a PostgreSQL crash: a batch sent while the database is down is refused with a 503 problem+json
 * with Retry-After (never acknowledged), and once the server is started again on the same port and data, events are
 * stored again and every event acknowledged before the crash is still there (a resend answers {@code duplicate}).
 * Same resources as the other event tests, so no extra application start.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class PostgresRestartTest {

    @Test
    void eventsAreRefusedWhileDownAndNoAcknowledgedOneIsLostAfterTheRestart() {
        String before = batch(5);
        post(before).then().statusCode(200).body("events.status", everyItem(equalTo("accepted")));

        PostgresTestResource postgres = PostgresTestResource.running();
        postgres.killServer();

        String whileDown = batch(3);
        post(whileDown)
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue());

        postgres.restartServer();
        long back = System.nanoTime();
        String after = batch(3);
        Response stored = StoreRecovery.awaitAnswered(() -> post(after));
        System.out.printf(
                "fusion-service stored events again %.1f s after PostgreSQL was back%n",
                (System.nanoTime() - back) / 1e9);
        stored.then().body("events.status", everyItem(equalTo("accepted")));

        post(before).then().statusCode(200).body("events.status", everyItem(equalTo("duplicate")));
        // refused while down means not stored: the resend is new
        post(whileDown).then().statusCode(200).body("events.status", everyItem(equalTo("accepted")));
    }

    /** {@code count} view events with fresh ids, as a JSON array. */
    private static String batch(int count) {
        Instant at = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        List<String> events = IntStream.range(0, count)
                .mapToObj(i -> "{\"eventId\":\"restart-" + UUID.randomUUID() + "\",\"type\":\"view\",\"userId\":"
                        + "\"restart-user\",\"productId\":\"P-" + i + "\",\"timestamp\":\"" + at + "\"}")
                .toList();
        return "[" + String.join(",", events) + "]";
    }

    private static Response post(String events) {
        return given().contentType(ContentType.JSON).body(events).when().post("/v1/events");
    }
}
