package io.magpie.kg.edit;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Calls of kg-service's admin API that the editing tests share; each test names its data with a fresh suffix. */
final class Admin {

    static final String KEY = "test-admin-key";

    private Admin() {}

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + KEY);
    }

    static ValidatableResponse createNode(String ref, Map<String, Object> properties) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("ref", ref, "properties", properties))
                .when()
                .post("/v1/admin/graph/nodes")
                .then();
    }

    /** A product node with a title; returns its ref. */
    static String product(String id, String title) {
        createNode("Product:" + id, Map.of("title", title)).statusCode(201);
        return "Product:" + id;
    }

    static ValidatableResponse createRelation(String type, String from, String to, Map<String, Object> properties) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("type", type, "from", from, "to", to, "properties", properties))
                .when()
                .post("/v1/admin/graph/relations")
                .then();
    }

    static RequestSpecification relation(RequestSpecification request, String type, String from, String to) {
        return request.queryParam("type", type).queryParam("from", from).queryParam("to", to);
    }

    static ValidatableResponse complements(String id) {
        return given().when().get("/v1/products/{id}/complements", id).then().statusCode(200);
    }

    static List<Map<String, Object>> audit(String entity) {
        return asAdmin()
                .queryParam("entity", entity)
                .when()
                .get("/v1/admin/graph/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("entries");
    }
}
