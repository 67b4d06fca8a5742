package io.magpie.fusion.events;

import static io.magpie.fusion.events.EventJson.store;
import static io.magpie.fusion.events.EventJson.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.testsupport.NdjsonLines;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The impressions log against a real PostgreSQL: POST /v1/impressions stores a served list once however often it is
 * sent, refuses bad lists whole, and GET /v1/admin/impressions joins each served item to the events that carry its
 * list's request id. The export reads 2 lists per query here ({@code %test} export-chunk), so longer windows page.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ImpressionsTest {

    private static final String ADMIN = "Bearer test-admin-key";

    @Inject
    Pool pool;

    /** Each test reads its own hour, some days back, so the tests' lists never meet in an export. */
    private static Instant window(int daysBack) {
        return Instant.now().minus(Duration.ofDays(daysBack)).truncatedTo(ChronoUnit.HOURS);
    }

    private static String list(String requestId, int page, Instant servedAt, String userId, String... products) {
        int offset = (page - 1) * products.length;
        String items = IntStream.range(0, products.length)
                .mapToObj(i -> "{\"position\":" + (offset + i) + ",\"productId\":\"" + products[i]
                        + "\",\"sources\":[{\"source\":\"lexical\",\"rank\":" + (i + 1)
                        + ",\"contribution\":0.5},{\"source\":\"dense\",\"rank\":" + (i + 3)
                        + ",\"contribution\":0.25}]}")
                .collect(Collectors.joining(","));
        return "{\"requestId\":\"" + requestId + "\",\"page\":" + page + ",\"servedAt\":\"" + servedAt
                + "\",\"surface\":\"search\",\"query\":\"usb cable\""
                + (userId == null ? "" : ",\"userId\":\"" + userId + "\"")
                + ",\"offset\":" + offset + ",\"strategy\":\"model\",\"model\":\"attention@3\",\"items\":[" + items
                + "]}";
    }

    private static String batch(String... lists) {
        return "{\"lists\":[" + String.join(",", lists) + "]}";
    }

    private static void post(String body, int stored, int duplicates) {
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/v1/impressions")
                .then()
                .statusCode(200)
                .body("stored", equalTo(stored))
                .body("duplicates", equalTo(duplicates));
    }

    private static String clickLike(String type, String productId, String requestId, int position, Instant at) {
        return "{\"eventId\":\"" + uniqueId("e") + "\",\"type\":\"" + type + "\",\"sessionId\":\"s-1\","
                + "\"productId\":\"" + productId + "\",\"timestamp\":\"" + at + "\",\"requestId\":\"" + requestId
                + "\",\"position\":" + position + "}";
    }

    private static List<JsonPath> export(Instant from, Instant to, String surface) {
        var request = given().header("Authorization", ADMIN)
                .queryParam("from", from.toString())
                .queryParam("to", to.toString());
        if (surface != null) {
            request.queryParam("surface", surface);
        }
        String body = request.when()
                .get("/v1/admin/impressions")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return NdjsonLines.of(body);
    }

    private long stored(String requestId) {
        return new EventsDatabase(pool)
                .count("SELECT count(*) FROM fusion.impression WHERE request_id = $1", requestId);
    }

    @Test
    void aRetriedBatchIsStoredOnce() {
        Instant at = window(40).plusSeconds(60);
        String first = uniqueId("r");
        String second = uniqueId("r");
        String body = batch(list(first, 1, at, null, "P-1", "P-2"), list(second, 1, at, null, "P-3"));
        post(body, 2, 0);
        post(body, 0, 2);
        // repeated inside one batch: the first one wins
        String third = uniqueId("r");
        post(batch(list(third, 1, at, null, "P-4"), list(third, 1, at, null, "P-5")), 1, 1);
        assertEquals(1, stored(first));
        assertEquals(1, stored(second));
        assertEquals(1, stored(third));
    }

    @Test
    void anInvalidListRefusesTheBatchNamingEachField() {
        String valid = uniqueId("r");
        String bad =
                "{\"requestId\":\"\",\"page\":0,\"servedAt\":\"" + Instant.now().plus(Duration.ofHours(2))
                        + "\",\"surface\":\"homepage\",\"offset\":0,\"strategy\":\"rrf\",\"items\":["
                        + "{\"position\":0,\"productId\":\"P-1\"},{\"position\":0,\"productId\":\"\","
                        + "\"sources\":[{\"source\":\"dense\",\"rank\":0,\"contribution\":1}]}]}";
        given().contentType(ContentType.JSON)
                .body(batch(list(valid, 1, Instant.now().minusSeconds(5), null, "P-1"), bad))
                .when()
                .post("/v1/impressions")
                .then()
                .statusCode(400)
                .body(
                        "errors.field",
                        hasItems(
                                "lists[1].requestId",
                                "lists[1].page",
                                "lists[1].servedAt",
                                "lists[1].surface",
                                "lists[1].items[1].position",
                                "lists[1].items[1].productId",
                                "lists[1].items[1].sources[0].rank"));
        assertEquals(0, stored(valid), "nothing of a refused batch is stored");

        given().contentType(ContentType.JSON)
                .body("{\"lists\":[]}")
                .post("/v1/impressions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("lists"));
        given().contentType(ContentType.JSON)
                .body("{\"lists\":[{\"requestId\":\"r\",\"page\":\"two\"}]}")
                .post("/v1/impressions")
                .then()
                .statusCode(400);
    }

    @Test
    void theExportJoinsServedItemsToTheEventsOfTheirRequest() {
        Instant from = window(20);
        String page1 = uniqueId("r");
        String page2 = uniqueId("r");
        String other = uniqueId("r");
        post(
                batch(
                        list(page1, 1, from.plusSeconds(10), null, "P-1", "P-2"),
                        list(page2, 2, from.plusSeconds(20), null, "P-3", "P-4"),
                        list(other, 1, from.plusSeconds(30), null, "P-9")),
                3,
                0);
        Instant now = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        store(List.of(
                clickLike("click", "P-2", page1, 1, now),
                clickLike("add_to_cart", "P-2", page1, 1, now),
                clickLike("purchase", "P-4", page2, 3, now),
                // the same product from another list does not count for this one
                clickLike("click", "P-1", uniqueId("r"), 0, now),
                clickLike("view", "P-3", page2, 2, now)));

        List<JsonPath> lines = export(from, from.plus(Duration.ofHours(1)), null);
        assertEquals(5, lines.size(), "one line per served item, across export chunks");
        assertEquals(
                List.of(page1, page1, page2, page2, other),
                lines.stream().map(l -> l.getString("requestId")).toList());
        assertEquals(
                List.of(0, 1, 2, 3, 0),
                lines.stream().map(l -> l.getInt("position")).toList());
        assertEquals(
                List.of("P-1", "P-2", "P-3", "P-4", "P-9"),
                lines.stream().map(l -> l.getString("productId")).toList());
        assertEquals(
                List.of(false, true, false, false, false),
                lines.stream().map(l -> l.getBoolean("clicked")).toList());
        assertEquals(
                List.of(false, true, false, false, false),
                lines.stream().map(l -> l.getBoolean("addedToCart")).toList());
        assertEquals(
                List.of(false, false, false, true, false),
                lines.stream().map(l -> l.getBoolean("purchased")).toList());
        JsonPath second = lines.get(1);
        assertEquals("lexical", second.getString("sources[0].source"));
        assertEquals(2, second.getInt("sources[0].rank"));
        assertEquals("model", second.getString("strategy"));
        assertEquals("attention@3", second.getString("model"));
        assertEquals("search", second.getString("surface"));
        assertEquals(2, lines.get(2).getInt("page"));

        assertEquals(
                0,
                export(from, from.plus(Duration.ofHours(1)), "recommendations").size());
    }

    @Test
    void badExportParametersAreNamedAndTheExportNeedsAnAdminKey() {
        given().header("Authorization", ADMIN)
                .queryParam("to", "yesterday")
                .queryParam("surface", "homepage")
                .get("/v1/admin/impressions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("from", "to", "surface"));
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        given().header("Authorization", ADMIN)
                .queryParam("from", from.toString())
                .queryParam("to", from.plus(Duration.ofDays(40)).toString())
                .get("/v1/admin/impressions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("to"));
        given().header("Authorization", ADMIN)
                .queryParam("from", from.toString())
                .queryParam("to", from.toString())
                .get("/v1/admin/impressions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("to"));
        given().queryParam("from", from.toString())
                .queryParam("to", from.plusSeconds(60).toString())
                .get("/v1/admin/impressions")
                .then()
                .statusCode(401);
    }

    @Test
    void deletingAUsersEventsDeletesTheirServedListsToo() {
        Instant from = window(30);
        String user = uniqueId("u");
        String theirs = uniqueId("r");
        String someoneElses = uniqueId("r");
        post(
                batch(
                        list(theirs, 1, from.plusSeconds(5), user, "P-1"),
                        list(someoneElses, 1, from.plusSeconds(6), uniqueId("u"), "P-1")),
                2,
                0);
        given().header("Authorization", ADMIN)
                .delete("/v1/admin/users/" + user + "/events")
                .then()
                .statusCode(200)
                .body("deletedImpressions", equalTo(1));
        assertEquals(0, stored(theirs));
        assertEquals(1, stored(someoneElses));
        assertEquals(
                List.of(someoneElses),
                export(from, from.plus(Duration.ofHours(1)), "search").stream()
                        .map(l -> l.getString("requestId"))
                        .toList());
        // the list's key stays: sent again, it is a duplicate and stays deleted
        post(batch(list(theirs, 1, from.plusSeconds(5), user, "P-1")), 0, 1);
        assertEquals(0, stored(theirs));
    }
}
