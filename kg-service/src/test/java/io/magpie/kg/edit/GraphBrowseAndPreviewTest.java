package io.magpie.kg.edit;

import static io.magpie.kg.edit.Admin.asAdmin;
import static io.magpie.kg.edit.Admin.complements;
import static io.magpie.kg.edit.Admin.createRelation;
import static io.magpie.kg.edit.Admin.product;
import static io.magpie.kg.edit.Admin.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.testsupport.Neo4jTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Finding nodes, reading a node's relations, and previewing a relation without committing it. */
@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class GraphBrowseAndPreviewTest {

    @Test
    void findsProductsByIdOrTitleAndShowsTheirRelationsCuratedFirst() {
        String phone = unique("phone");
        String word = unique("Zephyr");
        product(phone, word + " phone");
        product(unique("case"), word + " case");
        String holder = unique("holder");
        product(holder, "Holder");
        createRelation("ACCESSORY_OF", "Product:" + holder, "Product:" + phone, Map.of())
                .statusCode(201);

        asAdmin()
                .queryParam("q", phone)
                .when()
                .get("/v1/admin/graph/find")
                .then()
                .statusCode(200)
                .body("[0].ref", equalTo("Product:" + phone))
                .body("[0].name", equalTo(word + " phone"));
        asAdmin()
                .queryParam("q", word.toLowerCase())
                .when()
                .get("/v1/admin/graph/find")
                .then()
                .statusCode(200)
                .body("label", contains("Product", "Product"));

        asAdmin()
                .queryParam("ref", "Product:" + phone)
                .when()
                .get("/v1/admin/graph/neighbourhood")
                .then()
                .statusCode(200)
                .body("node.properties.title", equalTo(word + " phone"))
                .body("relations", hasSize(1))
                .body("relations[0].type", equalTo("ACCESSORY_OF"))
                .body("relations[0].from", equalTo("Product:" + holder))
                .body("relations[0].otherName", equalTo("Holder"))
                .body("relations[0].version", equalTo(1))
                .body("truncated", equalTo(false));
    }

    @Test
    void badInputNamesTheField() {
        asAdmin().when().get("/v1/admin/graph/find").then().statusCode(400).body("errors.field", hasItem("q"));
        asAdmin()
                .queryParam("ref", "Gadget:1")
                .when()
                .get("/v1/admin/graph/neighbourhood")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("ref"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "relation", Map.of("type", "ACCESSORY_OF", "from", "Brand:x", "to", "Product:y"),
                        "productIds", List.of()))
                .when()
                .post("/v1/admin/graph/preview/complements")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("from"));
        io.restassured.RestAssured.given()
                .when()
                .get("/v1/admin/graph/find?q=x")
                .then()
                .statusCode(401);
    }

    @Test
    void previewShowsTheNewComplementWithItsPathAndCommitsNothing() {
        String phone = unique("phone");
        String charger = unique("charger");
        String leatherCase = unique("case");
        product(phone, "Phone X");
        product(charger, "Charger");
        product(leatherCase, "Leather case");
        createRelation("ACCESSORY_OF", "Product:" + charger, "Product:" + phone, Map.of())
                .statusCode(201);
        int auditBefore = Admin.audit("Product:" + leatherCase).size();

        var preview = asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "relation",
                        Map.of(
                                "type",
                                "ACCESSORY_OF",
                                "from",
                                "Product:" + leatherCase,
                                "to",
                                "Product:" + phone,
                                "properties",
                                Map.of("weight", 2)),
                        "productIds",
                        List.of(phone)))
                .when()
                .post("/v1/admin/graph/preview/complements")
                .then()
                .statusCode(200)
                .body("relation", equalTo("(Product:" + leatherCase + ")-[ACCESSORY_OF]->(Product:" + phone + ")"))
                .body("products[0].before.items.id", contains(charger))
                .body("products[0].after.items.id", contains(leatherCase, charger))
                .body("products[0].moves.id", contains(leatherCase, charger))
                .body("products[0].moves[0].rankBefore", nullValue())
                .body("products[0].moves[0].rankAfter", equalTo(1))
                .body("products[0].moves[0].addedPaths", contains("(Leather case)-[:ACCESSORY_OF]->(Phone X)"))
                .body("products[0].moves[1].rankBefore", equalTo(1))
                .body("products[0].moves[1].rankAfter", equalTo(2))
                .body("products[0].moves[1].addedPaths", empty());

        // rolled back: shoppers and the audit log saw nothing
        complements(phone).body("items.id", contains(charger));
        assertEquals(auditBefore, Admin.audit("Product:" + leatherCase).size());

        // the relation still previews, and its creation still works, once
        createRelation("ACCESSORY_OF", "Product:" + leatherCase, "Product:" + phone, Map.of())
                .statusCode(201);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "relation",
                        Map.of("type", "ACCESSORY_OF", "from", "Product:" + leatherCase, "to", "Product:" + phone),
                        "productIds",
                        List.of(phone)))
                .when()
                .post("/v1/admin/graph/preview/complements")
                .then()
                .statusCode(409);
    }
}
