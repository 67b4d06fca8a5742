package io.magpie.fusion.events;

import static io.magpie.fusion.events.EventJson.array;
import static io.magpie.fusion.events.EventJson.event;
import static io.magpie.fusion.events.EventJson.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.magpie.fusion.signals.CooccurrenceSignal;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Recommendation signals from events really stored in PostgreSQL: co-occurrence read into memory, user profiles read
 * per request, and the ranking of recommendation candidates with the recommendation weights.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class RecommendationSignalsTest {

    @Inject
    CooccurrenceSignal cooccurrence;

    private static void post(String body) {
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/v1/events")
                .then()
                .statusCode(200)
                .body("rejected", equalTo(0));
    }

    @Test
    void itemsBoughtTogetherAreCandidatesOnceReadAndTheUserProfileShowsAtOnce() {
        String a = uniqueId("A");
        String b = uniqueId("B");
        String c = uniqueId("C");
        String user = uniqueId("u");
        Instant t = Instant.now().minusSeconds(600);
        post(array(
                event(uniqueId("e"), "purchase", user, null, a, t),
                event(uniqueId("e"), "purchase", user, null, b, t.plusSeconds(60)),
                event(uniqueId("e"), "view", user, null, c, t.plusSeconds(120)),
                event(uniqueId("e"), "view", null, "s-" + user, a, t),
                event(uniqueId("e"), "view", null, "s-" + user, c, t.plusSeconds(30))));

        // the profile is read per request: no wait
        given().get("/v1/users/{id}/profile", user)
                .then()
                .statusCode(200)
                .body("recent.productId", contains(c, b, a))
                .body("recent.type", contains("view", "purchase", "purchase"))
                .body("purchased", contains(b, a));

        cooccurrence.catchUp().await().atMost(Duration.ofSeconds(30));
        // with A: B (bought together, 3) beats C (viewed together: 0.7 from the user's sequence, two apart, and 1
        // from the session)
        given().contentType(ContentType.JSON)
                .body("{\"history\": [\"" + a + "\"], \"k\": 5}")
                .post("/v1/candidates/cooccurring")
                .then()
                .statusCode(200)
                .body("source", equalTo("cooccurrence"))
                .body("candidates.id", contains(b, c))
                .body("candidates[0].reason", equalTo("bought together with " + a))
                .body("candidates[1].reason", equalTo("viewed together with " + a));
        given().get("/v1/signals/status").then().statusCode(200).body("caughtUpTo", notNullValue());
    }

    @Test
    void aUserWithoutEventsHasAnEmptyProfile() {
        given().get("/v1/users/{id}/profile", uniqueId("nobody"))
                .then()
                .statusCode(200)
                .body("recent", empty())
                .body("purchased", empty());
    }

    @Test
    void badQueriesNameTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"history\": [], \"k\": 5}")
                .post("/v1/candidates/cooccurring")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("history"));
        given().contentType(ContentType.JSON)
                .body("{\"history\": [\"A\"], \"k\": 0}")
                .post("/v1/candidates/cooccurring")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("k"));
    }

    @Test
    void recommendationCandidatesAreRankedWithTheRecommendationWeights() {
        // co-occurrence 1.0, popularity 0.05 (application.properties): P, first in co-occurrence, wins although
        // popularity puts Q first; each source's scores are min-max normalised
        String lists = """
                {"size": 3, "lists": [
                  {"source": "popularity", "candidates": [{"id": "Q", "score": 90}, {"id": "P", "score": 10}]},
                  {"source": "cooccurrence", "candidates": [{"id": "P", "score": 4}, {"id": "R", "score": 1}]}]}""";
        given().contentType(ContentType.JSON)
                .body(lists)
                .post("/v1/recommendations/rank")
                .then()
                .statusCode(200)
                .body("strategy", equalTo("weighted"))
                .body("items.id", contains("P", "Q", "R"));
    }
}
