package io.magpie.kg;

import static io.magpie.kg.GraphFixtures.expand;
import static io.magpie.kg.GraphFixtures.expandQuery;
import static io.magpie.kg.GraphFixtures.ids;
import static io.magpie.kg.GraphFixtures.unique;
import static io.magpie.kg.GraphFixtures.upsert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.graph.ExpandRequest;
import io.magpie.api.graph.GraphProduct;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.testsupport.Neo4jTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

/** Expansion from query text, from curated relations of seeds and from history, with the explaining paths. */
@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
class QueryExpansionTest {

    @Inject
    Driver driver;

    /** A made-up word, so no other test's data is named by the query; names are matched in lower case. */
    private static String word(String prefix) {
        return prefix + unique("").substring(1).replace("-", "");
    }

    @Test
    void brandsCategoriesAndAttributeValuesNamedInTheQueryLeadToTheirProductsWithThePath() {
        String brand = word("Bounty");
        String category = word("Paper") + " Towels";
        String color = word("Teal");
        String root = word("Home");
        String ofBrand = unique("B");
        String inCategory = unique("C");
        String inSubCategory = unique("D");
        String ofColor = unique("E");
        String both = unique("F");
        String unrelated = unique("U");
        upsert(
                new GraphProduct(ofBrand, "brand only", brand, List.of(root)),
                new GraphProduct(inCategory, "category only", null, List.of(root, category)),
                new GraphProduct(inSubCategory, "sub-category", null, List.of(root, category, "Select-A-Size")),
                new GraphProduct(ofColor, "colour only", null, List.of(root), Map.of("color", List.of(color)), 1),
                new GraphProduct(both, "brand and category", brand, List.of(root, category)),
                new GraphProduct(unrelated, "nothing", word("Other"), List.of(root)));

        CandidateList result =
                expandQuery(10, "  " + brand.toUpperCase() + " " + category.toLowerCase() + ", in " + color + "!");

        assertEquals(List.of(both, ofBrand, inCategory, inSubCategory, ofColor), ids(result));
        Map<String, String> reasons = reasons(result);
        String byBrand = "query mentions brand \"" + brand + "\" -> MADE_BY";
        String byCategory = "query mentions category \"" + category + "\" -> IN_CATEGORY";
        assertEquals(byBrand + "; " + byCategory, reasons.get(both));
        assertEquals(byBrand, reasons.get(ofBrand));
        assertEquals(byCategory, reasons.get(inCategory));
        assertEquals(
                "query mentions category \"" + category + "\" -> CHILD_OF \"Select-A-Size\" -> IN_CATEGORY",
                reasons.get(inSubCategory));
        assertEquals("query mentions color \"" + color + "\" -> HAS", reasons.get(ofColor));
        assertEquals(1.0 + 0.8, result.candidates().get(0).score(), 1e-9);
    }

    @Test
    void theLongestNameWinsAndTheDictionaryFollowsTheGraph() {
        String paper = word("Paper");
        String brandProduct = unique("Brand");
        String categoryProduct = unique("Category");
        upsert(new GraphProduct(brandProduct, "t", paper, List.of()));
        assertEquals(List.of(brandProduct), ids(expandQuery(10, paper + " towels")));

        // a category "<paper> Towels" appears: the two-word name now wins over the one-word brand
        upsert(new GraphProduct(categoryProduct, "t", null, List.of(paper + " Towels")));
        assertEquals(List.of(categoryProduct), ids(expandQuery(10, paper + " towels")));
        assertEquals(List.of(brandProduct), ids(expandQuery(10, paper + " napkins")));

        // a brand no product uses any more keeps its node but its products are gone
        upsert(new GraphProduct(brandProduct, "t", word("Renamed"), List.of()));
        assertTrue(ids(expandQuery(10, paper + " napkins")).isEmpty());
    }

    @Test
    void curatedAndBehaviourRelationsOfSeedsAndHistoryComeWithTheirPaths() {
        String phone = unique("Phone");
        String phoneCase = unique("Case");
        String charger = unique("Charger");
        String cable = unique("Cable");
        String cheaper = unique("Cheaper");
        String seen = unique("Seen");
        String boughtWith = unique("BoughtWith");
        upsert(
                new GraphProduct(phone, "Phone X", null, List.of()),
                new GraphProduct(phoneCase, "Case for X", null, List.of()),
                new GraphProduct(charger, "Charger", null, List.of()),
                new GraphProduct(cable, "Cable", null, List.of()),
                new GraphProduct(cheaper, "Phone Lite", null, List.of()),
                new GraphProduct(seen, "Seen before", null, List.of()),
                new GraphProduct(boughtWith, "Screen film", null, List.of()));
        try (var session = driver.session()) {
            session.run(
                            """
                    MATCH (phone:Product {id: $phone}), (case:Product {id: $case}), (charger:Product {id: $charger}),
                          (cable:Product {id: $cable}), (cheaper:Product {id: $cheaper}), (seen:Product {id: $seen}),
                          (film:Product {id: $film})
                    CREATE (case)-[:ACCESSORY_OF]->(phone), (charger)-[:COMPATIBLE_WITH]->(phone),
                           (cable)-[:ACCESSORY_OF]->(charger), (cheaper)-[:SUBSTITUTE_FOR]->(phone),
                           (seen)-[:ALSO_BOUGHT {weight: 0.5}]->(film)""",
                            Map.of(
                                    "phone",
                                    phone,
                                    "case",
                                    phoneCase,
                                    "charger",
                                    charger,
                                    "cable",
                                    cable,
                                    "cheaper",
                                    cheaper,
                                    "seen",
                                    seen,
                                    "film",
                                    boughtWith))
                    .consume();
        }

        CandidateList result = expand(new ExpandRequest(null, List.of(phone), List.of(seen), 10));

        Map<String, String> reasons = reasons(result);
        assertEquals("ACCESSORY_OF -> \"Phone X\" (seed)", reasons.get(phoneCase));
        assertEquals("COMPATIBLE_WITH -> \"Phone X\" (seed)", reasons.get(charger));
        assertEquals("SUBSTITUTE_FOR -> \"Phone X\" (seed)", reasons.get(cheaper));
        assertEquals("ACCESSORY_OF -> \"Charger\" COMPATIBLE_WITH -> \"Phone X\" (seed)", reasons.get(cable));
        assertEquals("ALSO_BOUGHT <- \"Seen before\" (history)", reasons.get(boughtWith));
        Map<String, Double> scores =
                result.candidates().stream().collect(Collectors.toMap(Candidate::id, Candidate::score));
        assertEquals(1.5, scores.get(phoneCase), 1e-9);
        assertEquals(1.2, scores.get(charger), 1e-9);
        assertEquals(1.5 * 1.2 * 0.5, scores.get(cable), 1e-9); // two hops: both weights, one decay
        assertEquals(0.5 * 1.0 * 0.5, scores.get(boughtWith), 1e-9); // history weight x ALSO_BOUGHT x edge weight
        assertEquals(List.of(phoneCase, charger, cheaper, cable, boughtWith), ids(result));
    }

    @Test
    void queryAndSeedPathsAddUp() {
        String brand = word("Acme");
        String seed = unique("Seed");
        String accessory = unique("Accessory");
        upsert(
                new GraphProduct(seed, "Drill", null, List.of()),
                new GraphProduct(accessory, "Drill bits", brand, List.of()));
        try (var session = driver.session()) {
            session.run(
                            "MATCH (a:Product {id: $a}), (s:Product {id: $s}) CREATE (a)-[:ACCESSORY_OF]->(s)",
                            Map.of("a", accessory, "s", seed))
                    .consume();
        }

        CandidateList result = expand(new ExpandRequest(brand + " bits", List.of(seed), null, 5));

        assertEquals(List.of(accessory), ids(result));
        assertEquals(1.5 + 1.0, result.candidates().get(0).score(), 1e-9);
        assertEquals(
                "ACCESSORY_OF -> \"Drill\" (seed); query mentions brand \"" + brand + "\" -> MADE_BY",
                result.candidates().get(0).reason());
    }

    private static Map<String, String> reasons(CandidateList list) {
        return list.candidates().stream().collect(Collectors.toMap(Candidate::id, Candidate::reason));
    }
}
