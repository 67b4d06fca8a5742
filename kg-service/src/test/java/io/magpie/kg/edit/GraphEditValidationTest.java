package io.magpie.kg.edit;

import static io.magpie.kg.edit.Admin.asAdmin;
import static io.magpie.kg.edit.Admin.audit;
import static io.magpie.kg.edit.Admin.createNode;
import static io.magpie.kg.edit.Admin.createRelation;
import static io.magpie.kg.edit.Admin.product;
import static io.magpie.kg.edit.Admin.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.testsupport.Neo4jTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

/** Bad edits are refused with a problem naming what is wrong, and leave the graph and the audit log alone. */
@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class GraphEditValidationTest {

    @Inject
    Driver driver;

    @Test
    void unknownLabelsAndMalformedRefsAreRefused() {
        createNode("Planet:Mars", Map.of())
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("ref"))
                .body("detail", containsString("unknown label 'Planet'"));
        createNode("Product", Map.of()).statusCode(400).body("errors.field", hasItem("ref"));
        createNode("Attribute:color", Map.of()).statusCode(400).body("detail", containsString("name=value"));
        createNode("Brand: padded", Map.of()).statusCode(400).body("errors.field", hasItem("ref"));
    }

    @Test
    void relationsMustHaveAKnownTypeTheRightEndsAndNoSelfLoop() {
        String a = product(unique("a"), "A");
        String brand = "Brand:" + unique("B");
        createNode(brand, Map.of()).statusCode(201);
        createRelation("LIKES", a, a, Map.of())
                .statusCode(400)
                .body("errors.field", hasItem("type"))
                .body("detail", containsString("unknown relation type 'LIKES'"));
        createRelation("ACCESSORY_OF", a, brand, Map.of())
                .statusCode(400)
                .body("errors.field", hasItem("to"))
                .body("detail", containsString("ends at a Product"));
        createRelation("ACCESSORY_OF", a, a, Map.of())
                .statusCode(400)
                .body("errors.field", hasItem("to"))
                .body("detail", containsString("to itself"));
        createRelation("ALSO_BOUGHT", a, "Product:" + unique("other"), Map.of())
                .statusCode(400)
                .body("errors.field", hasItem("properties.weight"));
        assertEquals(1, audit(a).size()); // its creation only
    }

    @Test
    void bothEndsMustExist() {
        String a = product(unique("a"), "A");
        String missing = "Product:" + unique("missing");
        createRelation("COMPATIBLE_WITH", a, missing, Map.of())
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("no node " + missing));
        assertEquals(0, audit(missing).size());
    }

    @Test
    void propertyTypesNamesAndReservedPropertiesAreChecked() {
        createNode(
                        "Brand:" + unique("B"),
                        Map.of(
                                "nested",
                                Map.of("a", 1),
                                "mixed",
                                List.of(1, "x"),
                                "bad-name",
                                1,
                                "editVersion",
                                5,
                                "name",
                                "other"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        hasItems(
                                "properties.nested",
                                "properties.mixed",
                                "properties.bad-name",
                                "properties.editVersion",
                                "properties.name"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"ref\":\"Brand:x\",\"properties\":{\"n\":null}}")
                .when()
                .post("/v1/admin/graph/nodes")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("properties.n"));
        createNode("Product:" + unique("p"), Map.of("title", 42))
                .statusCode(400)
                .body("errors.field", hasItem("properties.title"));
        createNode(
                        "Product:" + unique("p"),
                        Map.of("tags", List.of("a", "b"), "price", 9.5, "stock", 3, "active", true))
                .statusCode(201)
                .body("properties.stock", equalTo(3))
                .body("properties.tags", equalTo(List.of("a", "b")));
    }

    @Test
    void creatingWhatExistsIsAConflict() {
        String ref = product(unique("p"), "P");
        createNode(ref, Map.of("title", "again")).statusCode(409).body("detail", containsString("exists already"));
        String other = product(unique("q"), "Q");
        createRelation("COMPATIBLE_WITH", ref, other, Map.of()).statusCode(201);
        createRelation("COMPATIBLE_WITH", other, ref, Map.of())
                .statusCode(409)
                .body("detail", containsString("stored once per pair"));
    }

    @Test
    void alsoBoughtGoesFromTheSmallerIdToTheLarger() {
        String suffix = unique("");
        String a = product("a" + suffix, "A");
        String b = product("b" + suffix, "B");
        createRelation("ALSO_BOUGHT", b, a, Map.of("weight", 2))
                .statusCode(400)
                .body("errors.field", hasItem("from"))
                .body("detail", containsString("smaller product id"));
        createRelation("ALSO_BOUGHT", a, b, Map.of("weight", 2)).statusCode(201);
    }

    @Test
    void aNodeWithRelationsIsNotDeleted() {
        String a = product(unique("a"), "A");
        String b = product(unique("b"), "B");
        createRelation("SUBSTITUTE_FOR", a, b, Map.of()).statusCode(201);
        asAdmin()
                .queryParam("ref", b)
                .header("If-Match", "\"1\"")
                .when()
                .delete("/v1/admin/graph/nodes")
                .then()
                .statusCode(409)
                .body("detail", containsString("1 relation"));
    }

    @Test
    void textThatLooksLikeCypherIsStoredAsData() {
        String bystander = product(unique("bystander"), "Bystander");
        String name = unique("x'}) MATCH (n) DETACH DELETE n //");
        String note = "\"}) WITH 1 AS x MATCH (n) DETACH DELETE n RETURN 1 //";
        String brand = "Brand:" + name;
        createNode(brand, Map.of("note", note)).statusCode(201).body("ref", equalTo(brand));
        String evil = product(unique("p`) DETACH DELETE p //"), "t'}) DELETE n //");
        createRelation("COMPATIBLE_WITH", evil, bystander, Map.of("note", note)).statusCode(201);
        asAdmin()
                .queryParam("ref", brand)
                .when()
                .get("/v1/admin/graph/nodes")
                .then()
                .statusCode(200)
                .body("properties.name", equalTo(name))
                .body("properties.note", equalTo(note));
        try (var session = driver.session()) {
            var record = session.run("""
                    MATCH (b:Brand {name: $name}) RETURN b.note AS note,
                           COUNT { MATCH (p:Product {id: $bystander}) } AS bystanders""", Map.of("name", name, "bystander", bystander.substring("Product:".length())))
                    .single();
            assertEquals(note, record.get("note").asString());
            assertEquals(1, record.get("bystanders").asInt());
        }
    }
}
