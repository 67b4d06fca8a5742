package io.magpie.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.testsupport.FusionServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Recommendations through the gateway against a real fusion-service (its packaged jar, with its own PostgreSQL):
 * events sent through the gateway become co-occurrence candidates with their reasons. retrieval-service and
 * kg-service are not running, so content, collaborative and graph candidates and the catalogue are named degraded.
 */
@QuarkusTest
// the same fusion-service as EventRoutesTest and RecommendationRoutesTest: one start serves both
@WithTestResource(FusionServiceTestResource.class)
class RecommendationRoutesTest {

    private static final String ADMIN = "Bearer " + FusionServiceTestResource.ADMIN_KEY;

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static String purchase(String userId, String productId, Instant at) {
        return "{\"eventId\":\"" + id("e") + "\",\"type\":\"purchase\",\"userId\":\"" + userId
                + "\",\"productId\":\"" + productId + "\",\"timestamp\":\"" + at.truncatedTo(ChronoUnit.MILLIS)
                + "\"}";
    }

    static void post(String... events) {
        given().contentType(ContentType.JSON)
                .body("[" + String.join(",", events) + "]")
                .post("/api/v1/events")
                .then()
                .statusCode(200)
                .body("rejected", equalTo(0));
    }

    static void awaitSignals() throws InterruptedException {
        Instant sent = Instant.now();
        for (int i = 0; i < 120; i++) {
            String caughtUp = given().header("Authorization", ADMIN)
                    .get("/api/v1/admin/recommendations/signals")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("caughtUpTo");
            if (caughtUp != null && Instant.parse(caughtUp).isAfter(sent)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the co-occurrence signal did not catch up in 30 s");
    }

    @Test
    void eventsOfOtherShoppersAndANewEventChangeAUsersRecommendations() throws InterruptedException {
        String a = id("A");
        String b = id("B");
        String shopper = id("u");
        String newcomer = id("u");
        Instant t = Instant.now().minusSeconds(300);
        post(purchase(shopper, a, t), purchase(shopper, b, t.plusSeconds(60)));
        awaitSignals();

        List<String> before = given().get("/api/v1/users/{id}/recommendations", newcomer)
                .then()
                .statusCode(200)
                .extract()
                .path("items.reasons.flatten()");
        assertTrue(
                before.stream().noneMatch(reason -> reason.startsWith("bought together")),
                "a user without events gets popular items only: " + before);

        post(purchase(newcomer, a, Instant.now().minusSeconds(5)));
        given().get("/api/v1/users/{id}/recommendations?size=5", newcomer)
                .then()
                .statusCode(200)
                .body("items.id", hasItem(b))
                .body("items.id", not(hasItem(a)))
                .body("items.find { it.id == '" + b + "' }.reasons", hasItem("bought together with " + a))
                .body("degraded", hasItems("similar", "collaborative", "graph", "catalog"))
                .body("degraded", not(hasItem("cooccurrence")));

        given().contentType(ContentType.JSON)
                .body("{\"history\": [\"" + a + "\"], \"size\": 5}")
                .post("/api/v1/recommendations")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(b))
                .body("items.id", not(hasItem(a)));
    }

    @Test
    void similarProductsDegradeWithoutTheirSources() {
        given().get("/api/v1/products/{id}/similar", id("P"))
                .then()
                .statusCode(200)
                .body("items", org.hamcrest.Matchers.empty())
                .body("degraded", hasItems("similar", "collaborative", "graph"));
        // counted as recommendation failures, not search's
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("magpie_recommendations_degraded_total{branch=\"collaborative\""), metrics);
        assertFalse(metrics.contains("magpie_search_degraded_total{branch=\"collaborative\""), metrics);
    }

    @Test
    void badInputIsA4xxNamingTheField() {
        given().get("/api/v1/users/u/recommendations?size=0")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("size"));
        given().queryParam("category", " ")
                .get("/api/v1/users/u/recommendations")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("category"));
        String tooLong = IntStream.range(0, 51).mapToObj(i -> "\"P" + i + "\"").collect(Collectors.joining(","));
        given().contentType(ContentType.JSON)
                .body("{\"history\": [" + tooLong + "], \"size\": 500}")
                .post("/api/v1/recommendations")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("history", "size"));
        given().contentType(ContentType.JSON)
                .body("{\"history\": [\"\"]}")
                .post("/api/v1/recommendations")
                .then()
                .statusCode(400)
                .body("errors.field", everyItem(equalTo("history")));
        given().get("/api/v1/users/u/recommendations?sources=cooccurrence")
                .then()
                .statusCode(403);
        given().header("Authorization", ADMIN)
                .get("/api/v1/users/u/recommendations?sources=telepathy")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("sources"));
        given().get("/api/v1/admin/recommendations/signals").then().statusCode(401);
    }
}
