package io.magpie.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.testsupport.FusionServiceTestResource;
import io.magpie.testsupport.KgServiceTestResource;
import io.magpie.testsupport.NdjsonLines;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Served lists reach the impressions log (docs/adr/0030) through real services: kg-service proposes a search's
 * candidates (retrieval-service and the encoder are not running, so dense and lexical are degraded), fusion-service
 * fuses them, stores the served lists the gateway sends in the background, and exports them joined to events.
 */
@QuarkusTest
@TestProfile(PatientBranches.class)
@QuarkusTestResource(value = KgServiceTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FusionServiceTestResource.class, restrictToAnnotatedClass = true)
class ImpressionRoutesTest {

    private static final String ADMIN = "Bearer " + FusionServiceTestResource.ADMIN_KEY;
    private static final String BRAND = "Zentrix";
    private static final Instant STARTED = Instant.now().minusSeconds(60);

    /** Five products of one brand in the graph: a search naming the brand finds them all. */
    @BeforeAll
    static void productsInTheGraph() {
        String kg = ConfigProvider.getConfig().getValue(KgServiceTestResource.CONFIG_KEY, String.class);
        String products = IntStream.range(0, 5)
                .mapToObj(i -> "{\"id\":\"Z-" + i + "\",\"title\":\"" + BRAND + " cable " + i + "\",\"brand\":\""
                        + BRAND + "\",\"category\":[\"Electronics\",\"Cables\"],\"attributes\":{},\"version\":1}")
                .collect(Collectors.joining(",", "[", "]"));
        given().baseUri(kg)
                .contentType(ContentType.JSON)
                .body(products)
                .put("/v1/graph/products")
                .then()
                .statusCode(204);
    }

    private static List<JsonPath> exported() {
        String body = given().header("Authorization", ADMIN)
                .queryParam("from", STARTED.toString())
                .queryParam("to", Instant.now().plusSeconds(60).toString())
                .get("/api/v1/admin/impressions")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return NdjsonLines.of(body);
    }

    /** The export's lines of one served list, once the background sender has delivered it (up to 60 s). */
    private static List<JsonPath> linesOf(String requestId, Predicate<List<JsonPath>> ready)
            throws InterruptedException {
        List<JsonPath> lines = List.of();
        for (int i = 0; i < 240; i++) {
            lines = exported().stream()
                    .filter(line -> requestId.equals(line.getString("requestId")))
                    .toList();
            if (!lines.isEmpty() && ready.test(lines)) {
                return lines;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("served list " + requestId + " not exported as expected within 60 s: " + lines);
    }

    private static List<Integer> positions(List<JsonPath> lines) {
        return lines.stream().map(line -> line.getInt("position")).toList();
    }

    @Test
    void searchPagesAreLoggedWithPositionsOverPagesAndJoinedToClicks() throws InterruptedException {
        JsonPath first = given().queryParam("q", BRAND.toLowerCase())
                .queryParam("size", 2)
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .body("degraded", hasItem("lexical"))
                .extract()
                .jsonPath();
        JsonPath second = given().queryParam("cursor", first.getString("nextCursor"))
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .body("page", equalTo(2))
                .extract()
                .jsonPath();
        List<String> shownFirst = first.getList("items.id");
        List<String> shownSecond = second.getList("items.id");
        assertEquals(2, shownFirst.size());
        assertEquals(2, shownSecond.size());

        String clicked = shownSecond.get(1);
        String requestId = second.getString("requestId");
        given().contentType(ContentType.JSON)
                .body("[{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"click\",\"sessionId\":\"s-1\","
                        + "\"productId\":\"" + clicked + "\",\"requestId\":\"" + requestId + "\",\"position\":3,"
                        + "\"timestamp\":\"" + Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS) + "\"}]")
                .post("/api/v1/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1));

        List<JsonPath> page1 = linesOf(first.getString("requestId"), lines -> true);
        assertEquals(List.of(0, 1), positions(page1));
        assertEquals(
                shownFirst, page1.stream().map(l -> l.getString("productId")).toList());
        assertEquals("search", page1.get(0).getString("surface"));
        assertEquals(BRAND.toLowerCase(), page1.get(0).getString("query"));
        assertTrue(
                page1.get(0).getList("sources.source").contains("graph"),
                page1.get(0).prettify());
        assertTrue(page1.stream().noneMatch(l -> l.getBoolean("clicked")));

        List<JsonPath> page2 = linesOf(requestId, lines -> lines.stream().anyMatch(l -> l.getBoolean("clicked")));
        assertEquals(List.of(2, 3), positions(page2), "page 2 continues page 1's positions");
        assertEquals(2, page2.get(0).getInt("page"));
        assertEquals(
                List.of(false, true),
                page2.stream().map(l -> l.getBoolean("clicked")).toList());
        assertEquals(clicked, page2.get(1).getString("productId"));
    }

    @Test
    void recommendationsAreLoggedAndDeletedWithTheUsersEvents() throws InterruptedException {
        String shopper = "u-" + UUID.randomUUID();
        String user = "u-" + UUID.randomUUID();
        Instant t = Instant.now().minusSeconds(300);
        RecommendationRoutesTest.post(
                RecommendationRoutesTest.purchase(shopper, "Z-1", t),
                RecommendationRoutesTest.purchase(shopper, "Z-2", t.plusSeconds(60)));
        RecommendationRoutesTest.awaitSignals();
        RecommendationRoutesTest.post(
                RecommendationRoutesTest.purchase(user, "Z-1", Instant.now().minusSeconds(5)));
        JsonPath served = given().get("/api/v1/users/{id}/recommendations", user)
                .then()
                .statusCode(200)
                .body("items.id", hasItem("Z-2"))
                .extract()
                .jsonPath();
        List<JsonPath> lines = linesOf(served.getString("requestId"), all -> true);
        assertEquals(
                served.getList("items.id"),
                lines.stream().map(l -> l.getString("productId")).toList());
        assertEquals(IntStream.range(0, lines.size()).boxed().toList(), positions(lines), "positions from 0, in order");
        assertEquals("recommendations", lines.get(0).getString("surface"));
        assertEquals("weighted", served.getString("strategy"), "ranked by fusion-service's weights");
        assertEquals("weighted", lines.get(0).getString("strategy"), "the strategy the answer names");
        // the collaborative vectors fusion-service served then (none trained in this stack: none named)
        assertEquals(served.getString("model"), lines.get(0).getString("model"));

        given().header("Authorization", ADMIN)
                .delete("/api/v1/admin/users/{id}/events", user)
                .then()
                .statusCode(200)
                .body("deletedEvents", equalTo(1))
                .body("deletedImpressions", equalTo(1));
        assertTrue(
                exported().stream().noneMatch(l -> served.getString("requestId").equals(l.getString("requestId"))),
                "the user's served list is gone from the export");
    }

    @Test
    void theExportNeedsAnAdminKeyAndNamesBadParameters() {
        given().queryParam("from", STARTED.toString())
                .queryParam("to", Instant.now().toString())
                .get("/api/v1/admin/impressions")
                .then()
                .statusCode(401);
        given().header("Authorization", ADMIN)
                .queryParam("from", "last week")
                .queryParam("to", Instant.now().plus(Duration.ofDays(1)).toString())
                .get("/api/v1/admin/impressions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("from"));
    }
}
