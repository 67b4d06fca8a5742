package io.magpie.kg.related;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.magpie.testsupport.Neo4jTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Complements and substitutes, scored and explained, built with the admin import. */
@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RelatedProductsTest {

    @Test
    void complementsAndSubstitutesComeWithTheirPathsBestFirst() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String json = """
                {"nodes": [
                  {"ref": "Category:Towels %1$s"},
                  {"ref": "Attribute:color=White %1$s"}, {"ref": "Attribute:ply=2 %1$s"},
                  {"ref": "Product:main-%1$s", "properties": {"title": "Towel A"}},
                  {"ref": "Product:twin-%1$s", "properties": {"title": "Towel B"}},
                  {"ref": "Product:half-%1$s", "properties": {"title": "Towel C"}},
                  {"ref": "Product:cheap-%1$s", "properties": {"title": "Towel D"}},
                  {"ref": "Product:holder-%1$s", "properties": {"title": "Holder"}},
                  {"ref": "Product:soap-%1$s", "properties": {"title": "Soap"}}],
                 "relations": [
                  {"type": "IN_CATEGORY", "from": "Product:main-%1$s", "to": "Category:Towels %1$s"},
                  {"type": "IN_CATEGORY", "from": "Product:twin-%1$s", "to": "Category:Towels %1$s"},
                  {"type": "IN_CATEGORY", "from": "Product:half-%1$s", "to": "Category:Towels %1$s"},
                  {"type": "HAS", "from": "Product:main-%1$s", "to": "Attribute:color=White %1$s"},
                  {"type": "HAS", "from": "Product:main-%1$s", "to": "Attribute:ply=2 %1$s"},
                  {"type": "HAS", "from": "Product:twin-%1$s", "to": "Attribute:color=White %1$s"},
                  {"type": "HAS", "from": "Product:twin-%1$s", "to": "Attribute:ply=2 %1$s"},
                  {"type": "HAS", "from": "Product:half-%1$s", "to": "Attribute:ply=2 %1$s"},
                  {"type": "HAS", "from": "Product:soap-%1$s", "to": "Attribute:color=White %1$s"},
                  {"type": "SUBSTITUTE_FOR", "from": "Product:cheap-%1$s", "to": "Product:main-%1$s"},
                  {"type": "ACCESSORY_OF", "from": "Product:holder-%1$s", "to": "Product:main-%1$s"},
                  {"type": "ALSO_BOUGHT", "from": "Product:main-%1$s", "to": "Product:soap-%1$s",
                   "properties": {"weight": 4}}]}""".formatted(s);
        given().header("Authorization", "Bearer test-admin-key")
                .contentType(ContentType.JSON)
                .body(json)
                .when()
                .post("/v1/admin/graph/import")
                .then()
                .statusCode(200)
                .body("errors", equalTo(0));

        // ALSO_BOUGHT 0.5 * 4 = 2.0 beats ACCESSORY_OF 1.0
        given().when()
                .get("/v1/products/{id}/complements", "main-" + s)
                .then()
                .statusCode(200)
                .body("kind", equalTo("complements"))
                .body("items.id", equalTo(List.of("soap-" + s, "holder-" + s)))
                .body("items[0].score", equalTo(2.0f))
                .body("items[0].paths[0]", equalTo("(Towel A)-[:ALSO_BOUGHT {weight: 4.0}]-(Soap)"))
                .body("items[1].paths[0]", equalTo("(Holder)-[:ACCESSORY_OF]->(Towel A)"));
        // the accessory's own complements lead back to the product it fits
        given().when()
                .get("/v1/products/{id}/complements", "holder-" + s)
                .then()
                .body("items[0].reason", equalTo("'Holder' is an accessory of it"));

        // curated 1.0, then twin sharing 2 of 2 attributes (0.6), then half sharing 1 of 2 (0.3); soap is in no
        // category, so sharing a colour does not make it a substitute
        given().when()
                .get("/v1/products/{id}/substitutes", "main-" + s)
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of("cheap-" + s, "twin-" + s, "half-" + s)))
                .body("items[0].paths[0]", equalTo("(Towel D)-[:SUBSTITUTE_FOR]->(Towel A)"))
                .body("items[1].reason", containsString("same category 'Towels " + s + "'"))
                .body("items[1].reason", containsString("color=White " + s))
                .body("items[2].score", equalTo(0.3f));
        given().queryParam("k", 1)
                .when()
                .get("/v1/products/{id}/substitutes", "main-" + s)
                .then()
                .body("items", hasSize(1));
    }

    @Test
    void unknownProductsAndBadLimitsAreRefused() {
        given().when()
                .get("/v1/products/{id}/complements", "no-such-product")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("k", 0)
                .when()
                .get("/v1/products/{id}/substitutes", "x")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("k"));
    }
}
