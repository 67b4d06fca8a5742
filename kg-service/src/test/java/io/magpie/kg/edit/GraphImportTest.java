package io.magpie.kg.edit;

import static io.magpie.kg.edit.Admin.asAdmin;
import static io.magpie.kg.edit.Admin.audit;
import static io.magpie.kg.edit.Admin.complements;
import static io.magpie.kg.edit.Admin.product;
import static io.magpie.kg.edit.Admin.unique;
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
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bulk import: a dry run reports per line and writes nothing; a real one writes all lines or none. */
@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class GraphImportTest {

    @Test
    void aCsvDryRunReportsEachLineAndWritesNothingThenTheImportWritesIt() {
        String phoneId = unique("phone");
        String phone = product(phoneId, "Phone");
        String charger = product(unique("charger"), "Charger");
        String cable = product(unique("cable"), "Cable");
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "type", "COMPATIBLE_WITH", "from", cable, "to", phone, "properties", Map.of("since", 2020)))
                .when()
                .post("/v1/admin/graph/relations")
                .then()
                .statusCode(201);
        String csv = """
                type,from,to,since,note
                ACCESSORY_OF,%1$s,%2$s,,"fast, 65 W"
                COMPATIBLE_WITH,%3$s,%2$s,2020,
                COMPATIBLE_WITH,%3$s,%2$s,2024,
                """.formatted(charger, phone, cable);

        importCsv(csv, true)
                .statusCode(200)
                .body("dryRun", equalTo(true))
                .body("created", equalTo(1))
                .body("unchanged", equalTo(1))
                .body("updated", equalTo(1))
                .body("errors", equalTo(0))
                .body("lines.outcome", equalTo(List.of("created", "unchanged", "updated")))
                .body("lines[0].line", equalTo(2))
                .body("lines[2].message", containsString("since"));
        complements(phoneId).body("items.id", not(hasItem(charger.substring("Product:".length()))));
        assertEquals(2, audit(phone).size()); // its creation and the cable's relation: the dry run left no entry

        importCsv(csv, false).statusCode(200).body("dryRun", equalTo(false)).body("created", equalTo(1));
        complements(phoneId)
                .body("items[0].id", equalTo(charger.substring("Product:".length())))
                .body("items[0].paths[0]", equalTo("(Charger)-[:ACCESSORY_OF]->(Phone)"));
        asAdmin()
                .queryParam("type", "ACCESSORY_OF")
                .queryParam("from", charger)
                .queryParam("to", phone)
                .when()
                .get("/v1/admin/graph/relations")
                .then()
                .statusCode(200)
                .body("properties.note", equalTo("fast, 65 W"));
        assertEquals(
                List.of("update_relation", "create_relation"),
                audit(phone).subList(0, 2).stream().map(e -> e.get("operation")).toList());
    }

    @Test
    void anInvalidLineRefusesTheWholeImportNamingEachBadLine() {
        String a = product(unique("a"), "A");
        String newBrand = "Brand:" + unique("New");
        String json = """
                {"nodes": [{"ref": "%1$s", "properties": {"country": "DE"}}, {"ref": "Moon:x"}],
                 "relations": [{"type": "MADE_BY", "from": "%2$s", "to": "%1$s"},
                               {"type": "ACCESSORY_OF", "from": "%2$s", "to": "Product:nowhere-%3$s"}]}""".formatted(newBrand, a, unique("x"));

        importJson(json, true)
                .statusCode(200)
                .body("errors", equalTo(2))
                .body("created", equalTo(2))
                .body("lines.outcome", equalTo(List.of("created", "error", "created", "error")))
                .body("lines[1].message", containsString("unknown label 'Moon'"))
                .body("lines[3].message", containsString("no node Product:nowhere"));

        importJson(json, false)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.line", equalTo(List.of(2, 4)));
        asAdmin()
                .queryParam("ref", newBrand)
                .when()
                .get("/v1/admin/graph/nodes")
                .then()
                .statusCode(404);
        assertEquals(0, audit(newBrand).size());
    }

    @Test
    void aJsonImportCreatesNodesAndTheRelationsThatLinkThemInOneGo() {
        String brand = "Brand:" + unique("Fresh");
        String product = "Product:" + unique("p");
        String json = """
                {"nodes": [{"ref": "%1$s"}, {"ref": "%2$s", "properties": {"title": "New thing"}}],
                 "relations": [{"type": "MADE_BY", "from": "%2$s", "to": "%1$s"}]}""".formatted(brand, product);
        importJson(json, false).statusCode(200).body("created", equalTo(3));
        assertEquals(
                List.of("create_relation", "create_node"),
                audit(brand).stream().map(e -> e.get("operation")).toList());
    }

    @Test
    void malformedImportsAreRefused() {
        importCsv("id,name\nx,y\n", false).statusCode(400).body("errors.field", hasItem("header"));
        importCsv("ref,title\n\"unclosed,x\n", false).statusCode(400).body("errors.field", hasItem("csv"));
        importJson("{}", false).statusCode(400).body("detail", containsString("no lines"));
        importCsv("ref\n" + "Brand:b\n".repeat(10_001), true)
                .statusCode(400)
                .body("errors.field", hasItem("lines"))
                .body("detail", containsString("10001 lines"));
        importCsv("ref,country\nBrand:x,NL,extra\n", true)
                .statusCode(200)
                .body("errors", equalTo(1))
                .body("lines[0].message", containsString("3 cells"));
    }

    private static ValidatableResponse importCsv(String csv, boolean dryRun) {
        return asAdmin()
                .contentType("text/csv")
                .body(csv)
                .queryParam("dryRun", dryRun)
                .when()
                .post("/v1/admin/graph/import")
                .then();
    }

    private static ValidatableResponse importJson(String json, boolean dryRun) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(json)
                .queryParam("dryRun", dryRun)
                .when()
                .post("/v1/admin/graph/import")
                .then();
    }
}
