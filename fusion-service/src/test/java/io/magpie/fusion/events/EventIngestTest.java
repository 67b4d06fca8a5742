package io.magpie.fusion.events;

import static io.magpie.fusion.events.EventJson.array;
import static io.magpie.fusion.events.EventJson.event;
import static io.magpie.fusion.events.EventJson.uniqueId;
import static io.magpie.fusion.events.EventJson.view;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /v1/events against a real PostgreSQL: what is answered per event and what is really stored. The catalogue
 * (retrieval-service) is not running here, so every batch is stored with its products unchecked.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class EventIngestTest {

    private static final String NDJSON = "application/x-ndjson";

    @Inject
    Pool pool;

    @BeforeAll
    static void sendNdjsonAsText() {
        RestAssured.config = RestAssured.config()
                .encoderConfig(EncoderConfig.encoderConfig().encodeContentTypeAs(NDJSON, ContentType.TEXT));
    }

    private EventsDatabase db() {
        return new EventsDatabase(pool);
    }

    @Test
    void aBatchIsStoredAndAnsweredPerEventInOrder() {
        String user = uniqueId("u");
        String first = uniqueId("e");
        String second = uniqueId("e");
        Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        String purchase = "{\"eventId\":\"" + second + "\",\"type\":\"purchase\",\"userId\":\"" + user
                + "\",\"sessionId\":\"s1\",\"productId\":\"P-2\",\"timestamp\":\"" + at + "\",\"requestId\":\"r-9\","
                + "\"position\":3,\"quantity\":2,\"price\":19.5}";
        given().contentType(ContentType.JSON)
                .body(array(view(first, user, "P-1"), purchase))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(2))
                .body("duplicates", equalTo(0))
                .body("rejected", equalTo(0))
                .body("catalogueChecked", equalTo(false))
                .body("events.index", contains(0, 1))
                .body("events.eventId", contains(first, second))
                .body("events.status", contains("accepted", "accepted"))
                .body("events[0].unknownProduct", nullValue());

        var rows = db().rows(
                        "SELECT type, user_id, session_id, product_id, occurred_at, request_id, position, "
                                + "quantity, price, product_known FROM fusion.event WHERE event_id = $1",
                        second);
        assertEquals(1, rows.size());
        var row = rows.get(0);
        assertEquals("purchase", row.getString("type"));
        assertEquals(user, row.getString("user_id"));
        assertEquals("s1", row.getString("session_id"));
        assertEquals("P-2", row.getString("product_id"));
        assertEquals(at, row.getOffsetDateTime("occurred_at").toInstant());
        assertEquals("r-9", row.getString("request_id"));
        assertEquals(3, row.getInteger("position"));
        assertEquals(2, row.getInteger("quantity"));
        assertEquals(19.5, row.getDouble("price"));
        assertEquals(null, row.getBoolean("product_known"));
    }

    @Test
    void aRepeatedEventIdIsStoredOnceAndAnsweredDuplicateAlsoWithinOneBatch() {
        String user = uniqueId("u");
        String id = uniqueId("e");
        String other = uniqueId("e");
        given().contentType(ContentType.JSON)
                .body(array(
                        view(id, user, "P-1"),
                        view(other, user, "P-2"),
                        // the same id again, even with another timestamp and product: a repeat, not a new event
                        event(id, "click", user, null, "P-3", Instant.now().minusSeconds(1))))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(2))
                .body("duplicates", equalTo(1))
                .body("events.status", contains("accepted", "accepted", "duplicate"));
        given().contentType(NDJSON)
                .body(view(id, user, "P-1") + "\n" + view(uniqueId("e"), user, "P-1") + "\n")
                .when()
                .post("/v1/events")
                .then()
                .statusCode(200)
                .body("events.status", contains("duplicate", "accepted"))
                .body("events.line", contains(1, 2));
        assertEquals(1, db().count("SELECT count(*) FROM fusion.event WHERE event_id = $1", id));
        assertEquals(
                "view",
                db().rows("SELECT type FROM fusion.event WHERE event_id = $1", id)
                        .get(0)
                        .getString(0));
        assertEquals(3, db().count("SELECT count(*) FROM fusion.event WHERE user_id = $1", user));
    }

    @Test
    void concurrentResendsOfOneBatchStoreEachEventOnce() throws Exception {
        String user = uniqueId("u");
        List<String> events = IntStream.range(0, 50)
                .mapToObj(i -> view(uniqueId("e"), user, "P-" + i))
                .toList();
        String body = array(events.toArray(String[]::new));
        List<CompletableFuture<Integer>> sends = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sends.add(CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                    .body(body)
                    .when()
                    .post("/v1/events")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("accepted")));
        }
        int accepted = 0;
        for (CompletableFuture<Integer> send : sends) {
            accepted += send.get();
        }
        assertEquals(50, accepted, "each event accepted by exactly one of the six sends");
        assertEquals(50, db().count("SELECT count(*) FROM fusion.event WHERE user_id = $1", user));
    }

    @Test
    void invalidEventsAreRejectedNamingTheFieldAndTheOthersAreStored() {
        String user = uniqueId("u");
        String good = uniqueId("e");
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        String body = String.join(
                "\n",
                view(good, user, "P-1"),
                "{\"eventId\":\"x1\",\"type\":\"like\",\"userId\":\"" + user + "\",\"productId\":\"P\","
                        + "\"timestamp\":\"2026-01-01T00:00:00Z\"}",
                "{\"eventId\":\"x2\",\"type\":\"view\",\"productId\":\"P\",\"timestamp\":\"2026-01-01T00:00:00Z\"}",
                "{\"eventId\": \"x3\", \"type\": ",
                "",
                "{\"eventId\":\"x4\",\"type\":\"view\",\"userId\":\"" + user + "\",\"productId\":\"P\","
                        + "\"timestamp\":\"" + future + "\"}",
                "{\"type\":\"view\",\"userId\":\"" + user + "\",\"timestamp\":\"2026-12-01T00:00:00\","
                        + "\"position\":-1,\"price\":\"cheap\"}",
                "[1, 2]");
        given().contentType(NDJSON)
                .body(body)
                .when()
                .post("/v1/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected", equalTo(6))
                .body(
                        "events.status",
                        contains("accepted", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected"))
                .body("events.line", contains(1, 2, 3, 4, 6, 7, 8))
                .body("events[1].errors.field", contains("type"))
                .body("events[1].errors[0].message", containsString("like"))
                .body("events[2].errors.field", contains("userId"))
                .body("events[3].errors.field", contains("$"))
                .body("events[3].errors[0].line", equalTo(4))
                .body("events[4].eventId", equalTo("x4"))
                .body("events[4].errors.field", contains("timestamp"))
                .body("events[4].errors[0].message", containsString("future"))
                .body("events[5].errors.field", contains("eventId", "productId", "timestamp", "position", "price"))
                .body("events[6].errors.field", contains("$"));
        assertEquals(1, db().count("SELECT count(*) FROM fusion.event WHERE user_id = $1", user));
        assertEquals(0, db().count("SELECT count(*) FROM fusion.event_key WHERE event_id IN ('x1','x2','x3','x4')"));
    }

    @Test
    void aBatchOfOnlyInvalidEventsIsA400NamingEachOne() {
        given().contentType(ContentType.JSON)
                .body("[{\"eventId\":\"bad-1\",\"type\":\"view\"}, {}]")
                .when()
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("nothing was stored"))
                .body(
                        "errors.field",
                        hasItems("[0].userId", "[0].productId", "[0].timestamp", "[1].eventId", "[1].type"));
    }

    @Test
    void tooManyEventsOrBytesIsA413AndNothingIsStored() {
        String user = uniqueId("u");
        String[] events = IntStream.range(0, 1001)
                .mapToObj(i -> view(uniqueId("e"), user, "P"))
                .toArray(String[]::new);
        given().contentType(ContentType.JSON)
                .body(array(events))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("1000"));
        given().contentType(NDJSON)
                .body(String.join("\n", events))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
        // ten events of 200 kB each: over the 1 MB body limit though under the event limit
        String padding = "x".repeat(200_000);
        String[] large = IntStream.range(0, 10)
                .mapToObj(i -> "{\"eventId\":\"" + uniqueId("e") + "\",\"type\":"
                        + "\"view\",\"userId\":\"" + user
                        + "\",\"productId\":\"P\",\"timestamp\":\"2026-01-01T00:00:00Z\","
                        + "\"note\":\"" + padding + "\"}")
                .toArray(String[]::new);
        given().contentType(ContentType.JSON)
                .body(array(large))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("title", equalTo("Body too large"));
        assertEquals(0, db().count("SELECT count(*) FROM fusion.event WHERE user_id = $1", user));
    }

    @Test
    void aBodyThatIsNotJsonIsA400() {
        given().contentType(ContentType.JSON)
                .body("view P-1 now")
                .when()
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
        given().contentType(ContentType.JSON)
                .body("{\"eventId\":\"e\"}")
                .when()
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("JSON array"));
        given().contentType(ContentType.JSON)
                .body("[]")
                .when()
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anOldEventGetsItsMonthsPartitionMadeOnTheWay() {
        Instant twoYearsAgo = Instant.now().minus(730, ChronoUnit.DAYS);
        String id = uniqueId("e");
        given().contentType(ContentType.JSON)
                .body(array(event(id, "purchase", uniqueId("u"), null, "P-1", twoYearsAgo)))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1));
        YearMonth month = YearMonth.from(twoYearsAgo.atOffset(ZoneOffset.UTC));
        String partition = "event_%04d_%02d".formatted(month.getYear(), month.getMonthValue());
        assertEquals(1, db().count("SELECT count(*) FROM fusion." + partition + " WHERE event_id = $1", id));
        // and the coming months are ready before anything is sent for them
        YearMonth ahead = YearMonth.now(ZoneOffset.UTC).plusMonths(3);
        assertEquals(
                1,
                db().count(
                                "SELECT count(*) FROM pg_tables WHERE schemaname = 'fusion' AND tablename = $1",
                                "event_%04d_%02d".formatted(ahead.getYear(), ahead.getMonthValue())));
    }

    @Test
    void eventsAreCountedInTheMetrics() {
        given().contentType(ContentType.JSON)
                .body(array(view(uniqueId("e"), uniqueId("u"), "P-1")))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(200);
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("magpie_events_received_total{outcome=\"accepted\"}"))
                .body(containsString("magpie_events_catalogue_unchecked_batches_total"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/v1/events"));
    }
}
