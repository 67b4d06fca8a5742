package io.magpie.fusion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FuseResourceTest {

    @BeforeAll
    static void readNumbersAsDoubles() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void fusesListsWithRrfAndNamesTheContributingSources() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"strategy": "rrf", "lists": [
                          {"source": "dense", "candidates": [{"id": "a", "score": 0.9}, {"id": "b", "score": 0.8}]},
                          {"source": "lexical", "candidates": [{"id": "b", "score": 12.0}, {"id": "c", "score": 9.0}]}
                        ], "size": 2}""")
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200)
                .body("strategy", equalTo("rrf"))
                .body("items.id", contains("b", "a"))
                .body("items[0].sources.source", contains("lexical", "dense"))
                .body("items[0].sources.rank", contains(1, 2))
                .body("items[0].score", closeTo(1.0 / 61 + 1.0 / 62, 1e-9));
    }

    /** Normalised: dense a 1.0, b 0.75, c 0.0; lexical b 1.0, d 0.5, e 0.0; graph c 1.0, a 0.0. */
    private static final String THREE_SOURCES = """
            {"strategy": "%s", "lists": [
              {"source": "dense", "candidates": [{"id": "a", "score": 0.875}, {"id": "b", "score": 0.75},
                                                 {"id": "c", "score": 0.375}]},
              {"source": "lexical", "candidates": [{"id": "b", "score": 12.0}, {"id": "d", "score": 9.0},
                                                   {"id": "e", "score": 6.0}]},
              {"source": "graph", "candidates": [{"id": "c", "score": 7.0}, {"id": "a", "score": 2.0}]}
            ], "size": 4}""";

    @Test
    void weightedSumsNormalisedScoresWithTheConfiguredWeights() {
        // Default weights dense 1.0, lexical 1.0, graph 0.3: b 1.75, a 1.0, d 0.5, c 0.3 (e 0.0 is cut by size).
        given().contentType(ContentType.JSON)
                .body(THREE_SOURCES.formatted("weighted"))
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200)
                .body("strategy", equalTo("weighted"))
                .body("items.id", contains("b", "a", "d", "c"))
                .body(
                        "items.score",
                        contains(closeTo(1.75, 1e-9), closeTo(1.0, 1e-9), closeTo(0.5, 1e-9), closeTo(0.3, 1e-9)))
                .body("items[0].sources.source", contains("lexical", "dense"))
                .body("items[0].sources.rank", contains(1, 2))
                .body("items[0].sources.contribution", contains(closeTo(1.0, 1e-9), closeTo(0.75, 1e-9)))
                .body("items[3].sources.source", contains("graph", "dense"))
                .body("items[3].sources.rank", contains(1, 3))
                .body("items[3].sources.contribution", contains(closeTo(0.3, 1e-9), closeTo(0.0, 1e-9)));
    }

    @Test
    void maxTakesTheLargestNormalisedScore() {
        // a, b and c all reach 1.0; b has the broadest support (1.75 in all), then a before c by id.
        given().contentType(ContentType.JSON)
                .body(THREE_SOURCES.formatted("max"))
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200)
                .body("strategy", equalTo("max"))
                .body("items.id", contains("b", "a", "c", "d"))
                .body(
                        "items.score",
                        contains(closeTo(1.0, 1e-9), closeTo(1.0, 1e-9), closeTo(1.0, 1e-9), closeTo(0.5, 1e-9)))
                .body("items[2].sources.source", contains("graph", "dense"))
                .body("items[2].sources.rank", contains(1, 3))
                .body("items[2].sources.contribution", contains(closeTo(1.0, 1e-9), closeTo(0.0, 1e-9)));
    }

    @Test
    void withoutStrategyOrActiveModelTheBestFixedStrategyWeightedServes() {
        // weighted with the default weights, as measured best among the fixed strategies: b 1.75, a 1.0, d 0.5, c 0.3
        given().contentType(ContentType.JSON)
                .body(THREE_SOURCES.replace("\"strategy\": \"%s\", ", ""))
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200)
                .body("strategy", equalTo("weighted"))
                .body("items.id", contains("b", "a", "d", "c"))
                .body("items[3].sources.source", contains("graph", "dense"))
                .body("items[3].score", closeTo(0.3, 1e-9));
    }

    @Test
    void withoutStrategyAGraphListAloneIsItsOwnRanking() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"lists": [{"source": "graph", "candidates": [{"id": "c", "score": 7.0}, {"id": "a", "score": 2.0}]}],
                         "size": 5}""")
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200)
                .body("strategy", equalTo("weighted"))
                .body("items.id", contains("c", "a"))
                // alone, the graph's own normalised scores, not scaled by its weight (0.3)
                .body("items.score", contains(1.0, 0.0));
    }

    @Test
    void notFiniteScoresAreRefusedNamingTheField() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"strategy": "weighted", "lists": [{"source": "dense", "candidates": [
                          {"id": "a", "score": 1.0}, {"id": "b", "score": "NaN"}]}], "size": 3}""")
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("lists[0].candidates[1].score"));
        // 1e400 reads as infinity; a price too is a number every feature would carry
        given().contentType(ContentType.JSON)
                .body("""
                        {"lists": [{"source": "dense", "candidates": [{"id": "a", "score": 1e400}]}], "size": 3}""")
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(400)
                .body("errors.field", contains("lists[0].candidates[0].score"));
        given().contentType(ContentType.JSON)
                .body("""
                        {"lists": [{"source": "dense", "candidates": [{"id": "a", "score": 1}]}], "size": 3,
                         "items": {"a": {"title": "t", "price": -1e400}}}""")
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(400)
                .body("errors.field", contains("items[a].price"));
    }

    @Test
    void modelStrategyWithoutAnActiveModelIsAConflict() {
        given().contentType(ContentType.JSON)
                .body(THREE_SOURCES.formatted("model"))
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("no model is active"));
    }

    @Test
    void rrfCanBeNamed() {
        given().contentType(ContentType.JSON)
                .body(THREE_SOURCES.formatted("rrf"))
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200)
                .body("strategy", equalTo("rrf"))
                // a: 1/61 + 1/62, b: 1/62 + 1/61 (tie, broken by id), c: 1/63 + 1/61
                .body("items.id", contains("a", "b", "c", "d"));
    }

    @Test
    void invalidSizeIsAProblemNamingTheField() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"lists": [], "size": 0}""")
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("size"));
    }

    @Test
    void unknownStrategyIsAProblem() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"strategy": "magic", "lists": [], "size": 5}""")
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("magic"))
                .body("detail", containsString("weighted"))
                .body("detail", containsString("max"));
    }

    @Test
    void malformedJsonIsAProblem() {
        given().contentType(ContentType.JSON)
                .body("{\"lists\": [")
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
    }

    @Test
    void wrongJsonTypesAreProblemsNamingTheField() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"lists": [{"source": "dense", "candidates": [{"id": "a", "score": "high"}]}], "size": 3}""")
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("lists[0].candidates[0].score"))
                .body("errors.message", contains("has the wrong JSON type, expected a number"));
        given().contentType(ContentType.JSON)
                .body("""
                        {"lists": [], "size": "many"}""")
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("size"));
    }

    @Test
    void operatorEndpointsAreUp() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/v1/fuse"));
    }
}
