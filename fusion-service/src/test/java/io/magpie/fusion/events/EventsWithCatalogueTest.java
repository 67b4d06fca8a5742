package io.magpie.fusion.events;

import static io.magpie.fusion.events.EventJson.array;
import static io.magpie.fusion.events.EventJson.event;
import static io.magpie.fusion.events.EventJson.uniqueId;
import static io.magpie.fusion.events.EventJson.view;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Events checked against the real catalogue (retrieval-service): products it does not know are stored all the same,
 * and flagged; popularity, overall and per category, counts the others.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(value = CatalogueTestResource.class, restrictToAnnotatedClass = true)
class EventsWithCatalogueTest {

    @Inject
    Pool pool;

    @Inject
    PopularitySignal popularity;

    @BeforeAll
    static void readNumbersAsDoubles() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void unknownProductsAreStoredAndFlagged() {
        String user = uniqueId("u");
        String unknown = uniqueId("e");
        given().contentType(ContentType.JSON)
                .body(array(
                        view(uniqueId("e"), user, "CAT-1"),
                        view(unknown, user, "NOT-IN-CATALOGUE"),
                        view(uniqueId("e"), user, "CAT-2")))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(200)
                .body("catalogueChecked", equalTo(true))
                .body("accepted", equalTo(3))
                .body("unknownProducts", equalTo(1))
                .body("events.unknownProduct", contains(false, true, false));
        EventsDatabase db = new EventsDatabase(pool);
        assertEquals(1, db.count("SELECT count(*) FROM fusion.event WHERE user_id = $1 AND NOT product_known", user));
        assertEquals(2, db.count("SELECT count(*) FROM fusion.event WHERE user_id = $1 AND product_known", user));
        assertEquals(
                "NOT-IN-CATALOGUE",
                db.rows("SELECT product_id FROM fusion.event WHERE event_id = $1", unknown)
                        .get(0)
                        .getString(0));
    }

    @Test
    void aBatchWithMoreDistinctProductsThanOneLookUpTakesIsCheckedWhole() {
        String user = uniqueId("u");
        // 450 distinct products: three look-ups of at most 200 ids
        List<String> events = IntStream.range(0, 450)
                .mapToObj(i -> view(uniqueId("e"), user, i == 7 ? "CAT-3" : "MISSING-" + i))
                .toList();
        given().contentType(ContentType.JSON)
                .body(array(events.toArray(String[]::new)))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(200)
                .body("catalogueChecked", equalTo(true))
                .body("accepted", equalTo(450))
                .body("unknownProducts", equalTo(449))
                .body("events[7].unknownProduct", equalTo(false));
    }

    @Test
    void popularityDecaysWithAgeWeighsTypesAndFiltersByCategory() {
        String user = uniqueId("u");
        Instant now = Instant.now().minusSeconds(1);
        Instant twoHalfLivesAgo = now.minus(14, ChronoUnit.DAYS);
        List<String> events = new ArrayList<>();
        // CAT-P1: 5 views now = 5; CAT-P2: 3 purchases two half-lives ago = 3 x 8 / 4 = 6;
        // CAT-P3: 1 add_to_cart now = 4, and a view older than the window, which counts nothing
        IntStream.range(0, 5).forEach(i -> events.add(event(uniqueId("e"), "view", user, null, "CAT-P1", now)));
        IntStream.range(0, 3)
                .forEach(i -> events.add(event(uniqueId("e"), "purchase", user, null, "CAT-P2", twoHalfLivesAgo)));
        events.add(event(uniqueId("e"), "add_to_cart", user, null, "CAT-P3", now));
        events.add(event(uniqueId("e"), "view", user, null, "CAT-P3", now.minus(60, ChronoUnit.DAYS)));
        // not in the catalogue: however often it is bought, it is not proposed
        IntStream.range(0, 20)
                .forEach(i -> events.add(event(uniqueId("e"), "purchase", user, null, "NOT-SOLD-HERE", now)));
        given().contentType(ContentType.JSON)
                .body(array(events.toArray(String[]::new)))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(30));

        popularity.refresh().await().atMost(Duration.ofMinutes(1));

        given().queryParam("size", 3)
                .when()
                .get("/v1/candidates/popular")
                .then()
                .statusCode(200)
                .body("source", equalTo("popularity"))
                .body("candidates.id", contains("CAT-P2", "CAT-P1", "CAT-P3"))
                .body("candidates.score", contains(closeTo(6.0, 0.01), closeTo(5.0, 0.01), closeTo(4.0, 0.01)))
                .body("candidates[0].reason", equalTo("popular"));
        given().queryParam("category", "Kitchen")
                .when()
                .get("/v1/candidates/popular")
                .then()
                .statusCode(200)
                .body("candidates.id", contains("CAT-P2", "CAT-P1"))
                .body("candidates[0].reason", equalTo("popular in Kitchen"));
        given().queryParam("category", "Kitchen > Drinkware")
                .when()
                .get("/v1/candidates/popular")
                .then()
                .statusCode(200)
                .body("candidates.id", contains("CAT-P1"));
        given().queryParam("category", "Kitch")
                .when()
                .get("/v1/candidates/popular")
                .then()
                .statusCode(200)
                .body("candidates", hasSize(0));
        given().queryParam("size", 0)
                .when()
                .get("/v1/candidates/popular")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("size"));
        // a number, the age of the snapshot just computed (NaN would be a gauge of another bean, as left by an
        // earlier application start in this JVM)
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(matchesPattern(
                        Pattern.compile("(?s).*^magpie_popularity_lag_seconds -?[0-9].*", Pattern.MULTILINE)));
    }
}
