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
        given().contentType(ContentType.JSON).body("""
                        {"lists": [
                          {"source": "dense", "candidates": [{"id": "a", "score": 0.9}, {"id": "b", "score": 0.8}]},
                          {"source": "lexical", "candidates": [{"id": "b", "score": 12.0}, {"id": "c", "score": 9.0}]}
                        ], "size": 2}""")
                .when().post("/v1/fuse")
                .then().statusCode(200)
                .body("strategy", equalTo("rrf"))
                .body("items.id", contains("b", "a"))
                .body("items[0].sources.source", contains("lexical", "dense"))
                .body("items[0].sources.rank", contains(1, 2))
                .body("items[0].score", closeTo(1.0 / 61 + 1.0 / 62, 1e-9));
    }

    @Test
    void invalidSizeIsAProblemNamingTheField() {
        given().contentType(ContentType.JSON).body("""
                        {"lists": [], "size": 0}""")
                .when().post("/v1/fuse")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("size"));
    }

    @Test
    void unknownStrategyIsAProblem() {
        given().contentType(ContentType.JSON).body("""
                        {"strategy": "magic", "lists": [], "size": 5}""")
                .when().post("/v1/fuse")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("magic"));
    }

    @Test
    void malformedJsonIsAProblem() {
        given().contentType(ContentType.JSON).body("{\"lists\": [")
                .when().post("/v1/fuse")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
    }

    @Test
    void operatorEndpointsAreUp() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/v1/fuse"));
    }
}
