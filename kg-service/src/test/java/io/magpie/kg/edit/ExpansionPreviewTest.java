package io.magpie.kg.edit;

import static io.magpie.kg.edit.Admin.asAdmin;
import static io.magpie.kg.edit.Admin.createRelation;
import static io.magpie.kg.edit.Admin.product;
import static io.magpie.kg.edit.Admin.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.testsupport.Neo4jTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The graph candidates of searches and recommendations without and with a pending relation, never committed. */
@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ExpansionPreviewTest {

    @Test
    void theNewCandidateComesWithThePathTheRelationAddsAndNothingPersists() {
        String phone = unique("phone");
        String charger = unique("charger");
        String leatherCase = unique("case");
        product(phone, "Phone X");
        product(charger, "Charger");
        product(leatherCase, "Leather case");
        createRelation("ACCESSORY_OF", "Product:" + charger, "Product:" + phone, Map.of())
                .statusCode(201);
        int auditBefore = Admin.audit("Product:" + leatherCase).size();
        Map<String, Object> seededByPhone = Map.of("productIds", List.of(phone), "k", 10);

        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "relation",
                        Map.of("type", "ACCESSORY_OF", "from", "Product:" + leatherCase, "to", "Product:" + phone),
                        "expansions",
                        List.of(seededByPhone, Map.of("productIds", List.of(charger), "k", 10))))
                .when()
                .post("/v1/admin/graph/preview/expand")
                .then()
                .statusCode(200)
                .body("relation", equalTo("(Product:" + leatherCase + ")-[ACCESSORY_OF]->(Product:" + phone + ")"))
                .body("expansions[0].before.source", equalTo("graph"))
                .body("expansions[0].before.candidates.id", contains(charger))
                .body("expansions[0].after.candidates.id", hasItem(leatherCase))
                .body(
                        "expansions[0].after.candidates.find { it.id == '" + leatherCase + "' }.reason",
                        containsString("ACCESSORY_OF"))
                // two hops from the charger, through the phone
                .body("expansions[1].before.candidates.id", not(hasItem(leatherCase)))
                .body("expansions[1].after.candidates.id", hasItem(leatherCase));

        // rolled back: the serving expansion and the audit log saw nothing, and the relation can still be created
        given().contentType(ContentType.JSON)
                .body(seededByPhone)
                .when()
                .post("/v1/expand")
                .then()
                .statusCode(200)
                .body("candidates.id", contains(charger));
        assertEquals(auditBefore, Admin.audit("Product:" + leatherCase).size());
        createRelation("ACCESSORY_OF", "Product:" + leatherCase, "Product:" + phone, Map.of())
                .statusCode(201);
    }

    @Test
    void anEmptyBodyIsABadRequestNamingTheRelation() {
        for (String preview : List.of("expand", "complements")) {
            asAdmin()
                    .contentType(ContentType.JSON)
                    .when()
                    .post("/v1/admin/graph/preview/" + preview)
                    .then()
                    .statusCode(400)
                    .body("errors.field", hasItem("relation"));
        }
    }

    @Test
    void badInputNamesTheFieldAndAnExistingRelationIsAConflict() {
        String phone = unique("phone");
        String charger = unique("charger");
        product(phone, "Phone");
        product(charger, "Charger");
        Map<String, Object> relation =
                Map.of("type", "ACCESSORY_OF", "from", "Product:" + charger, "to", "Product:" + phone);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("relation", relation, "expansions", List.of()))
                .when()
                .post("/v1/admin/graph/preview/expand")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("expansions"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("relation", relation, "expansions", List.of(Map.of("productIds", List.of(phone), "k", 0))))
                .when()
                .post("/v1/admin/graph/preview/expand")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("k"));
        createRelation("ACCESSORY_OF", "Product:" + charger, "Product:" + phone, Map.of())
                .statusCode(201);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("relation", relation, "expansions", List.of(Map.of("productIds", List.of(phone), "k", 5))))
                .when()
                .post("/v1/admin/graph/preview/expand")
                .then()
                .statusCode(409);
        given().contentType(ContentType.JSON)
                .body(Map.of("relation", relation, "expansions", List.of(Map.of("productIds", List.of(phone), "k", 5))))
                .when()
                .post("/v1/admin/graph/preview/expand")
                .then()
                .statusCode(401);
    }
}
