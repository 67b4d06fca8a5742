package io.magpie.kg;

import static io.magpie.kg.GraphFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.testsupport.Neo4jTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
class InvalidInputTest {

    @Inject
    Driver driver;

    @Test
    void anEmptyBatchIsRejected() {
        put("[]").body("errors.field", contains("products"));
    }

    @Test
    void aBlankIdIsRejectedAndNothingOfTheBatchIsWritten() {
        String valid = unique("Valid");
        put("[{\"id\":\"" + valid + "\",\"title\":\"ok\"},{\"id\":\"  \",\"title\":\"no id\"},{\"title\":\"none\"}]")
                .body("errors.field", contains("products[1].id", "products[2].id"))
                .body("detail", containsString("products[1].id"));

        try (var session = driver.session()) {
            assertEquals(
                    0,
                    session.run("MATCH (p:Product {id: $id}) RETURN count(p) AS n", Map.of("id", valid))
                            .single()
                            .get("n")
                            .asInt());
        }
    }

    @Test
    void aBlankCategoryLevelIsRejected() {
        put("[{\"id\":\"x\",\"category\":[\"Home\",\" \"]}]").body("errors.field", contains("products[0].category[1]"));
    }

    @Test
    void aBatchOverTheLimitIsRejected() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i <= 1000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"p").append(i).append("\"}");
        }
        put(body.append(']').toString())
                .body("errors.field", contains("products"))
                .body("detail", containsString("1001"));
    }

    @Test
    void malformedJsonIsRejected() {
        put("[{\"id\": ").body("title", equalTo("Malformed JSON"));
        expand("{\"productIds\": [\"a\"], \"k\": \"many\"}")
                .body("title", equalTo("Malformed JSON"))
                .body("errors.field", contains("k"));
        put("[{\"id\":\"a\"},{\"id\":\"b\",\"category\":{\"name\":\"Home\"}}]")
                .body("title", equalTo("Malformed JSON"))
                .body("errors.field", contains("products[1].category"));
    }

    @Test
    void kOutOfRangeIsRejected() {
        expand("{\"productIds\":[\"a\"],\"k\":0}").body("errors.field", contains("k"));
        expand("{\"productIds\":[\"a\"],\"k\":1001}").body("errors.field", contains("k"));
        expand("{\"productIds\":[\"a\"]}").body("errors.field", contains("k"));
    }

    @Test
    void aRequestWithoutQuerySeedsOrHistoryOrWithBlankIdsIsRejected() {
        expand("{\"k\":5}").body("errors.field", contains("productIds"));
        expand("{\"productIds\":[],\"history\":[],\"query\":\" \",\"k\":5}")
                .body("errors.field", contains("productIds"));
        expand("{\"productIds\":[\"a\",\" \",null],\"k\":5}")
                .body("errors.field", contains("productIds[1]", "productIds[2]"));
        expand("{\"history\":[\"\"],\"k\":5}").body("errors.field", contains("history[0]"));
        expand("{\"query\":\"" + "x".repeat(1001) + "\",\"k\":5}").body("errors.field", contains("query"));
    }

    @Test
    void aBlankIdCannotBeDeleted() {
        given().when()
                .delete("/v1/graph/products/{id}", " ")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("id"));
    }

    private static ValidatableResponse put(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/v1/graph/products")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    private static ValidatableResponse expand(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/v1/expand")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }
}
