package io.magpie.kg;

import static io.magpie.kg.GraphFixtures.expand;
import static io.magpie.kg.GraphFixtures.ids;
import static io.magpie.kg.GraphFixtures.product;
import static io.magpie.kg.GraphFixtures.unique;
import static io.magpie.kg.GraphFixtures.upsert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.testsupport.Neo4jTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
class GraphExpansionTest {

    @Inject
    Driver driver;

    @Test
    void neighboursThroughCategoryAndBrandComeBestFirstWithReasonsAndWithoutTheSeeds() {
        String home = unique("Home");
        String towels = unique("Paper Towels");
        String garden = unique("Garden");
        String bounty = unique("Bounty");
        String seed1 = unique("S1");
        String seed2 = unique("S2");
        String p1 = unique("P1");
        String p2 = unique("P2");
        String p3 = unique("P3");
        String p4 = unique("P4");
        String p5 = unique("P5");
        upsert(
                product(seed1, bounty, home, "Kitchen", towels),
                product(seed2, bounty, home, garden),
                product(p1, bounty, home, "Kitchen", towels), // category + brand of seed 1, brand of seed 2
                product(p2, unique("Other"), home, "Kitchen", towels), // category of seed 1
                product(p3, bounty, home, unique("Bath")), // brand of seeds 1 and 2
                product(p4, unique("Other"), home, garden), // category of seed 2
                product(p5, unique("Other"), home, unique("Else"))); // shares only the root: not a neighbour

        CandidateList result = expand(10, seed1, seed2);

        assertEquals("graph", result.source());
        assertEquals(List.of(p1, p2, p3, p4), ids(result));
        List<Double> scores = result.candidates().stream().map(Candidate::score).toList();
        assertEquals(List.of(1.0 + 0.5 + 0.5 / 2, 1.0, 0.5 + 0.5 / 2, 1.0 / 2), scores);
        Map<String, String> reasons = reasons(result);
        String asSeed1 = " as \"Title of " + seed1 + "\" (seed)";
        String asSeed2 = " as \"Title of " + seed2 + "\" (seed)";
        assertEquals(
                "same category \"" + towels + "\"" + asSeed1 + "; same brand \"" + bounty + "\"" + asSeed1
                        + "; same brand \"" + bounty + "\"" + asSeed2,
                reasons.get(p1));
        assertEquals("same category \"" + towels + "\"" + asSeed1, reasons.get(p2));
        assertEquals(
                "same brand \"" + bounty + "\"" + asSeed1 + "; same brand \"" + bounty + "\"" + asSeed2,
                reasons.get(p3));
        assertEquals("same category \"" + garden + "\"" + asSeed2, reasons.get(p4));
    }

    @Test
    void kLimitsTheCandidatesAndUnknownOrRepeatedSeedsAreHarmless() {
        String brand = unique("Brand");
        String seed = unique("S");
        String a = unique("A");
        String b = unique("B"); // "A-…" sorts before "B-…"
        upsert(product(seed, brand, unique("Cat")), product(a, brand, unique("Cat")), product(b, brand, unique("Cat")));

        assertEquals(List.of(a, b), ids(expand(10, seed))); // equal scores: in id order
        assertEquals(1, expand(1, seed).candidates().size());
        assertEquals(ids(expand(10, seed)), ids(expand(10, unique("unknown"), seed, seed)));
        assertTrue(expand(10, unique("unknown")).candidates().isEmpty());
    }

    @Test
    void categoriesFormAChainKeyedByFullPath() {
        String root = unique("Home & Kitchen");
        String id = unique("P");
        upsert(product(id, null, root, "Kitchen & Dining", "Paper Towels"));

        try (var session = driver.session()) {
            var record = session.run("""
                    MATCH (:Product {id: $id})-[:IN_CATEGORY]->(leaf:Category)-[:CHILD_OF]->(mid:Category)
                          -[:CHILD_OF]->(top:Category)
                    RETURN leaf.path AS leaf, leaf.name AS name, mid.path AS mid, top.path AS top,
                           COUNT { (top)-[:CHILD_OF]->() } AS aboveTop""", Map.of("id", id)).single();
            assertEquals(
                    root + " > Kitchen & Dining > Paper Towels",
                    record.get("leaf").asString());
            assertEquals("Paper Towels", record.get("name").asString());
            assertEquals(root + " > Kitchen & Dining", record.get("mid").asString());
            assertEquals(root, record.get("top").asString());
            assertEquals(0, record.get("aboveTop").asInt());
        }
    }

    private static Map<String, String> reasons(CandidateList list) {
        return list.candidates().stream().collect(java.util.stream.Collectors.toMap(Candidate::id, Candidate::reason));
    }
}
