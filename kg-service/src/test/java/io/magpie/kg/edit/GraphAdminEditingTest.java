package io.magpie.kg.edit;

import static io.magpie.kg.edit.Admin.asAdmin;
import static io.magpie.kg.edit.Admin.audit;
import static io.magpie.kg.edit.Admin.complements;
import static io.magpie.kg.edit.Admin.createRelation;
import static io.magpie.kg.edit.Admin.product;
import static io.magpie.kg.edit.Admin.relation;
import static io.magpie.kg.edit.Admin.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.testsupport.Neo4jTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The "done when": an edit through the admin API changes the next read (an ACCESSORY_OF appears among the
 * complements with its path), a stale edit gets 409, every edit is in the audit log and can be undone.
 */
@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class GraphAdminEditingTest {

    @Test
    void anAccessoryAddedByAnAdminIsAComplementWithItsPathAndEveryEditIsAuditedAndUndoable() {
        String phoneId = unique("phone");
        String caseId = unique("case");
        String phone = product(phoneId, "Phone X");
        String phoneCase = product(caseId, "Leather case");
        complements(phoneId).body("items.id", not(hasItem(caseId)));

        createRelation("ACCESSORY_OF", phoneCase, phone, Map.of("note", "fits the 2024 model"))
                .statusCode(201)
                .header("ETag", "\"1\"")
                .body("version", equalTo(1));

        complements(phoneId)
                .body("items[0].id", equalTo(caseId))
                .body("items[0].paths", hasItem("(Leather case)-[:ACCESSORY_OF]->(Phone X)"))
                .body("items[0].reason", containsString("accessory of 'Phone X'"));

        // the edit is based on version 1; a second edit based on version 1 is stale
        relation(asAdmin(), "ACCESSORY_OF", phoneCase, phone)
                .header("If-Match", "\"1\"")
                .contentType(ContentType.JSON)
                .body(Map.of("properties", Map.of("note", "fits all models")))
                .when()
                .put("/v1/admin/graph/relations")
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        relation(asAdmin(), "ACCESSORY_OF", phoneCase, phone)
                .header("If-Match", "\"1\"")
                .contentType(ContentType.JSON)
                .body(Map.of("properties", Map.of("note", "lost update")))
                .when()
                .put("/v1/admin/graph/relations")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("version 2"));
        relation(asAdmin(), "ACCESSORY_OF", phoneCase, phone)
                .when()
                .get("/v1/admin/graph/relations")
                .then()
                .statusCode(200)
                .body("properties.note", equalTo("fits all models"));

        // every edit is in the log, newest first, with who (not the key), before and after
        List<Map<String, Object>> entries = audit(phone);
        assertEquals(
                List.of("update_relation", "create_relation", "create_node"),
                entries.stream().map(e -> e.get("operation")).toList());
        Map<String, Object> update = entries.get(0);
        assertTrue(((String) update.get("actor")).startsWith("key:"));
        assertFalse(update.toString().contains(Admin.KEY));
        assertEquals("(" + phoneCase + ")-[ACCESSORY_OF]->(" + phone + ")", update.get("entity"));
        assertEquals("fits the 2024 model", properties(update, "before").get("note"));
        assertEquals("fits all models", properties(update, "after").get("note"));

        // undo the update: the old note is back, at a new version, and the undo is audited too
        Number updateId = (Number) update.get("id");
        asAdmin()
                .when()
                .post("/v1/admin/graph/audit/{id}/undo", updateId)
                .then()
                .statusCode(200)
                .body("undoOf", equalTo(updateId.intValue()))
                .body("operation", equalTo("update_relation"))
                .body("after.version", equalTo(3));
        relation(asAdmin(), "ACCESSORY_OF", phoneCase, phone)
                .when()
                .get("/v1/admin/graph/relations")
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"")
                .body("properties.note", equalTo("fits the 2024 model"));

        // the creation cannot be undone blindly any more: the relation changed since
        Number createId = (Number) entries.get(1).get("id");
        asAdmin()
                .when()
                .post("/v1/admin/graph/audit/{id}/undo", createId)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("version 3"));

        // delete with the current version; the complement goes; undoing the delete brings it back
        relation(asAdmin(), "ACCESSORY_OF", phoneCase, phone)
                .header("If-Match", "\"3\"")
                .when()
                .delete("/v1/admin/graph/relations")
                .then()
                .statusCode(204);
        complements(phoneId).body("items.id", not(hasItem(caseId)));
        Map<String, Object> deletion = audit(phone).get(0);
        assertEquals("delete_relation", deletion.get("operation"));
        assertNull(deletion.get("after"));
        asAdmin()
                .when()
                .post("/v1/admin/graph/audit/{id}/undo", deletion.get("id"))
                .then()
                .statusCode(200)
                .body("operation", equalTo("create_relation"));
        complements(phoneId).body("items[0].id", equalTo(caseId));
    }

    @Test
    void onlyAdminKeysMayEditOrReadTheAuditLogButAnyoneReadsComplements() {
        String phone = product(unique("phone"), "Phone");
        String accessory = product(unique("cable"), "Cable");
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "ACCESSORY_OF", "from", accessory, "to", phone))
                .when()
                .post("/v1/admin/graph/relations")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer storefront-key")
                .contentType(ContentType.JSON)
                .body(Map.of("type", "ACCESSORY_OF", "from", accessory, "to", phone))
                .when()
                .post("/v1/admin/graph/relations")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer storefront-key")
                .when()
                .get("/v1/admin/graph/audit")
                .then()
                .statusCode(403);
        given().header("Authorization", "Bearer storefront-key")
                .when()
                .get("/v1/products/{id}/complements", phone.substring("Product:".length()))
                .then()
                .statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        assertEquals(1, audit(phone).size()); // only its creation
    }

    @Test
    void updatesAndDeletesNeedIfMatch() {
        String brand = "Brand:" + unique("Acme");
        Admin.createNode(brand, Map.of("country", "NL")).statusCode(201);
        asAdmin()
                .queryParam("ref", brand)
                .contentType(ContentType.JSON)
                .body(Map.of("properties", Map.of()))
                .when()
                .put("/v1/admin/graph/nodes")
                .then()
                .statusCode(428)
                .contentType("application/problem+json")
                .body("detail", containsString("If-Match"));
        asAdmin()
                .queryParam("ref", brand)
                .when()
                .delete("/v1/admin/graph/nodes")
                .then()
                .statusCode(428);
        asAdmin()
                .queryParam("ref", brand)
                .header("If-Match", "\"7\"")
                .when()
                .delete("/v1/admin/graph/nodes")
                .then()
                .statusCode(409);
        asAdmin()
                .queryParam("ref", brand)
                .header("If-Match", "\"1\"")
                .when()
                .delete("/v1/admin/graph/nodes")
                .then()
                .statusCode(204);
        asAdmin()
                .queryParam("ref", brand)
                .when()
                .get("/v1/admin/graph/nodes")
                .then()
                .statusCode(404);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> entry, String state) {
        return (Map<String, Object>) ((Map<String, Object>) entry.get(state)).get("properties");
    }
}
