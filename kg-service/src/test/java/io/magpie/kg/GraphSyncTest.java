package io.magpie.kg;

import static io.magpie.kg.GraphFixtures.unique;
import static io.magpie.kg.GraphFixtures.upsert;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.api.graph.GraphProduct;
import io.magpie.api.graph.GraphProductDeletion;
import io.magpie.testsupport.Neo4jTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

/** Catalogue sync: idempotent by version, attributes as HAS links, curated relations kept across re-syncs. */
@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
class GraphSyncTest {

    @Inject
    Driver driver;

    @Test
    void anOlderVersionNeverOverwritesANewerOneAndReDeliveryIsHarmless() {
        String id = unique("P");
        upsert(versioned(id, "Newer", 2));
        upsert(versioned(id, "Older", 1));
        assertEquals(List.of("Newer"), brandsOf(id));
        assertEquals(2L, versionOf(id));

        upsert(versioned(id, "Newer", 2), versioned(id, "Newer", 2)); // re-delivered, twice in one batch
        assertEquals(List.of("Newer"), brandsOf(id));
        assertEquals(1L, count("MATCH (p:Product {id: $id}) RETURN count(p) AS n", id));

        upsert(versioned(id, "Newest", 3), versioned(id, "Stale", 1)); // highest version in the batch wins
        assertEquals(List.of("Newest"), brandsOf(id));
        assertEquals(3L, versionOf(id));
    }

    @Test
    void aVersionedDeletionWinsOverLateUpsertsAndLosesToNewerOnes() {
        String id = unique("P");
        upsert(versioned(id, "B", 1));
        deleteVersions(new GraphProductDeletion(id, 2));
        assertEquals(0L, count("MATCH (p:Product {id: $id}) RETURN count(p) AS n", id));

        upsert(versioned(id, "B", 1)); // the old upsert arrives after the deletion: stays deleted
        upsert(versioned(id, "B", 2));
        assertEquals(0L, count("MATCH (p:Product {id: $id}) RETURN count(p) AS n", id));
        deleteVersions(new GraphProductDeletion(id, 2)); // re-delivered deletion: harmless

        upsert(versioned(id, "Back", 3)); // re-created in the catalogue after the deletion
        assertEquals(List.of("Back"), brandsOf(id));
        assertEquals(0L, count("MATCH (r:RemovedProduct {id: $id}) RETURN count(r) AS n", id));

        deleteVersions(new GraphProductDeletion(id, 2)); // older than the product: ignored
        assertEquals(List.of("Back"), brandsOf(id));
    }

    @Test
    void attributesBecomeSharedAttributeNodesAndAChangeReplacesTheOldLinks() {
        String a = unique("A");
        String b = unique("B");
        String red = unique("Red");
        upsert(
                new GraphProduct(
                        a, "a", null, List.of(), Map.of("Color", List.of(red, " " + red), "size", List.of("XL")), 1),
                new GraphProduct(b, "b", null, List.of(), Map.of("color", List.of(red)), 1));
        assertEquals(1L, count("MATCH (x:Attribute {name: 'color', value: $id}) RETURN count(x) AS n", red));
        assertEquals(List.of("color=" + red, "size=XL"), attributesOf(a));
        assertEquals(List.of("color=" + red), attributesOf(b));

        upsert(new GraphProduct(a, "a", null, List.of(), Map.of("color", List.of("Blue")), 2));
        assertEquals(List.of("color=Blue"), attributesOf(a));
        assertEquals(List.of("color=" + red), attributesOf(b));
    }

    @Test
    void curatedAndBehaviourRelationsSurviveAReSyncThatChangesCatalogueFields() {
        String phone = unique("Phone");
        String caseId = unique("Case");
        upsert(versioned(phone, "Acme", 1), versioned(caseId, "Acme", 1));
        try (var session = driver.session()) {
            session.run("""
                    MATCH (c:Product {id: $case}), (p:Product {id: $phone})
                    CREATE (c)-[:ACCESSORY_OF]->(p), (c)-[:ALSO_BOUGHT {weight: 3.0}]->(p)""", Map.of("case", caseId, "phone", phone)).consume();
        }

        upsert(versioned(caseId, "Other", 2), versioned(phone, "Acme", 2));

        assertEquals(List.of("Other"), brandsOf(caseId));
        assertEquals(2L, count("""
                MATCH (:Product {id: $id})-[r:ACCESSORY_OF|ALSO_BOUGHT]->(:Product) RETURN count(r) AS n""", caseId));
    }

    @Test
    void invalidDeletionsAndAttributesAreRejectedWithTheFieldNamed() {
        given().contentType(ContentType.JSON)
                .body("[{\"id\":\" \",\"version\":-1}]")
                .when()
                .post("/v1/graph/products/deletions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("deletions[0].id", "deletions[0].version"));
        given().contentType(ContentType.JSON)
                .body("[{\"id\":\"x\",\"attributes\":{\"color\":[\" \"]},\"version\":-2}]")
                .when()
                .put("/v1/graph/products")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        org.hamcrest.Matchers.containsInAnyOrder(
                                "products[0].version", "products[0].attributes.color[0]"));
    }

    @Test
    void alsoBoughtLinksAreOnePerPairReWeightedAndSkipUnknownProducts() {
        String a = unique("A");
        String b = unique("B");
        upsert(versioned(a, "X", 1), versioned(b, "X", 1));
        putAlsoBought(
                "[{\"productId\":\"" + b + "\",\"otherId\":\"" + a + "\",\"weight\":0.4}," + "{\"productId\":\"" + a
                        + "\",\"otherId\":\"" + unique("unknown") + "\",\"weight\":1}]",
                204);
        putAlsoBought("[{\"productId\":\"" + a + "\",\"otherId\":\"" + b + "\",\"weight\":0.9}]", 204);

        try (var session = driver.session()) {
            var weights = session.run("""
                    MATCH (:Product {id: $id})-[r:ALSO_BOUGHT]-() RETURN r.weight AS w""", Map.of("id", a)).list(r -> r.get("w").asDouble());
            assertEquals(List.of(0.9), weights);
        }
        putAlsoBought("[{\"productId\":\"" + a + "\",\"otherId\":\"" + a + "\",\"weight\":0}]", 400)
                .body("errors.field", org.hamcrest.Matchers.contains("edges[0].otherId", "edges[0].weight"));
    }

    private static io.restassured.response.ValidatableResponse putAlsoBought(String body, int status) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/v1/graph/also-bought")
                .then()
                .statusCode(status);
    }

    private static GraphProduct versioned(String id, String brand, long version) {
        return new GraphProduct(id, "Title of " + id, brand, List.of(), Map.of(), version);
    }

    private static void deleteVersions(GraphProductDeletion... deletions) {
        given().contentType(ContentType.JSON)
                .body(List.of(deletions))
                .when()
                .post("/v1/graph/products/deletions")
                .then()
                .statusCode(204);
    }

    private List<String> brandsOf(String id) {
        try (var session = driver.session()) {
            return session.run(
                            "MATCH (:Product {id: $id})-[:MADE_BY]->(b:Brand) RETURN b.name AS v ORDER BY v",
                            Map.of("id", id))
                    .list(r -> r.get("v").asString());
        }
    }

    private List<String> attributesOf(String id) {
        try (var session = driver.session()) {
            return session.run("""
                    MATCH (:Product {id: $id})-[:HAS]->(a:Attribute)
                    RETURN a.name + '=' + a.value AS v ORDER BY v""", Map.of("id", id)).list(r -> r.get("v").asString());
        }
    }

    private long versionOf(String id) {
        try (var session = driver.session()) {
            return session.run("MATCH (p:Product {id: $id}) RETURN p.version AS v", Map.of("id", id))
                    .single()
                    .get("v")
                    .asLong();
        }
    }

    private long count(String cypher, String id) {
        try (var session = driver.session()) {
            return session.run(cypher, Map.of("id", id)).single().get("n").asLong();
        }
    }
}
