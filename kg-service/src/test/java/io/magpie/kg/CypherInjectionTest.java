package io.magpie.kg;

import static io.magpie.kg.GraphFixtures.expand;
import static io.magpie.kg.GraphFixtures.unique;
import static io.magpie.kg.GraphFixtures.upsert;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.api.graph.GraphProduct;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.testsupport.Neo4jTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

/** Input that reads like Cypher is stored and returned as plain data. */
@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
class CypherInjectionTest {

    static final String TITLE = "x'}) DETACH DELETE n //";
    static final String BRAND = "b\"}) MATCH (n) DETACH DELETE n RETURN 1 //";
    static final String CATEGORY = "c`) WITH 1 AS x MATCH (n) DETACH DELETE n //";

    @Inject
    Driver driver;

    @Test
    void cypherLookingValuesAreStoredAsData() {
        String bystander = unique("Bystander");
        upsert(GraphFixtures.product(bystander, unique("Brand")));
        String id = unique("x'}) MATCH (n) DETACH DELETE n //");
        String sibling = unique("Sibling");
        upsert(
                new GraphProduct(id, TITLE, BRAND, List.of(CATEGORY)),
                new GraphProduct(sibling, "plain", BRAND, List.of(CATEGORY)));

        CandidateList result = expand(10, sibling);

        assertEquals(List.of(id), GraphFixtures.ids(result));
        assertEquals(
                "same category \"" + CATEGORY + "\" as \"plain\" (seed); same brand \"" + BRAND
                        + "\" as \"plain\" (seed)",
                result.candidates().get(0).reason());
        // a query naming the Cypher-looking brand finds the products as data, and the graph is intact
        assertEquals(
                java.util.Set.of(id, sibling),
                java.util.Set.copyOf(GraphFixtures.ids(GraphFixtures.expandQuery(10, "anything " + BRAND))));
        try (var session = driver.session()) {
            var record =
                    session.run("""
                    MATCH (p:Product {id: $id})-[:MADE_BY]->(b:Brand), (p)-[:IN_CATEGORY]->(c:Category)
                    RETURN p.title AS title, b.name AS brand, c.path AS category,
                           COUNT { MATCH (o:Product {id: $bystander}) } AS bystanders""", Map.of("id", id, "bystander", bystander)).single();
            assertEquals(TITLE, record.get("title").asString());
            assertEquals(BRAND, record.get("brand").asString());
            assertEquals(CATEGORY, record.get("category").asString());
            assertEquals(1, record.get("bystanders").asInt());
        }
    }
}
