package io.magpie.kg.edit;

import static io.magpie.kg.edit.Admin.asAdmin;
import static io.magpie.kg.edit.Admin.createNode;
import static io.magpie.kg.edit.Admin.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.testsupport.Neo4jTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit log filters by entity, actor, operation and time, and pages newest first. */
@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class AuditLogTest {

    @Test
    void filtersCombineAndPagesGoNewestFirst() {
        Instant start = Instant.now();
        String brand = "Brand:" + unique("Audited");
        createNode(brand, Map.of("country", "FR")).statusCode(201);
        for (int version = 1; version <= 3; version++) {
            asAdmin()
                    .queryParam("ref", brand)
                    .header("If-Match", "\"" + version + "\"")
                    .contentType(ContentType.JSON)
                    .body(Map.of("properties", Map.of("country", "C" + version)))
                    .when()
                    .put("/v1/admin/graph/nodes")
                    .then()
                    .statusCode(200);
        }

        List<Integer> versions = asAdmin()
                .queryParam("entity", brand)
                .queryParam("operation", "update_node")
                .queryParam("size", 2)
                .when()
                .get("/v1/admin/graph/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("entries", hasSize(2))
                .extract()
                .jsonPath()
                .getList("entries.after.version", Integer.class);
        assertEquals(List.of(4, 3), versions);
        asAdmin()
                .queryParam("entity", brand)
                .queryParam("size", 2)
                .queryParam("page", 1)
                .when()
                .get("/v1/admin/graph/audit")
                .then()
                .statusCode(200)
                .body("entries.operation", equalTo(List.of("update_node", "create_node")));

        String actor = asAdmin()
                .queryParam("entity", brand)
                .when()
                .get("/v1/admin/graph/audit")
                .then()
                .extract()
                .jsonPath()
                .getString("entries[0].actor");
        asAdmin()
                .queryParam("entity", brand)
                .queryParam("actor", actor)
                .queryParam("from", start.toString())
                .when()
                .get("/v1/admin/graph/audit")
                .then()
                .body("total", equalTo(4))
                .body("entries.actor", everyItem(equalTo(actor)));
        asAdmin()
                .queryParam("entity", brand)
                .queryParam("actor", "key:000000000000")
                .when()
                .get("/v1/admin/graph/audit")
                .then()
                .body("total", equalTo(0));
        asAdmin()
                .queryParam("entity", brand)
                .queryParam("to", start.toString())
                .when()
                .get("/v1/admin/graph/audit")
                .then()
                .body("total", equalTo(0));
        Number id = asAdmin()
                .queryParam("entity", brand)
                .when()
                .get("/v1/admin/graph/audit")
                .then()
                .extract()
                .jsonPath()
                .get("entries[0].id");
        asAdmin()
                .when()
                .get("/v1/admin/graph/audit/{id}", id)
                .then()
                .statusCode(200)
                .body("entity", equalTo(brand))
                .body("before.properties.country", equalTo("C2"));
    }

    @Test
    void badFiltersAreNamed() {
        asAdmin()
                .queryParam("operation", "explode")
                .queryParam("from", "yesterday")
                .queryParam("size", 0)
                .when()
                .get("/v1/admin/graph/audit")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("operation"))
                .body("errors.field", hasItem("from"))
                .body("errors.field", hasItem("size"));
        asAdmin().when().get("/v1/admin/graph/audit/{id}", 987654321).then().statusCode(404);
        asAdmin()
                .when()
                .post("/v1/admin/graph/audit/{id}/undo", 987654321)
                .then()
                .statusCode(404);
    }
}
