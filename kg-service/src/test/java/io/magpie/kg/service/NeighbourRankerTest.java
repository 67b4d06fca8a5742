package io.magpie.kg.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.api.retrieval.Candidate;
import io.magpie.kg.config.KnowledgeGraphConfig;
import io.magpie.kg.model.GraphLink;
import io.magpie.kg.model.GraphLink.Kind;
import io.magpie.kg.model.Origin;
import io.magpie.kg.model.RelationType;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NeighbourRankerTest {

    private final NeighbourRanker ranker = new NeighbourRanker(config(Map.of(
            "magpie.kg.expand.category-weight",
            "2.0",
            "magpie.kg.expand.brand-weight",
            "0.25",
            "magpie.kg.expand.history-weight",
            "0.5",
            "magpie.kg.expand.accessory-weight",
            "3.0",
            "magpie.kg.expand.also-bought-weight",
            "2.0",
            "magpie.kg.expand.hop-decay",
            "0.5")));

    @Test
    void pathsAddUpWithOriginPositionAndPathWeights() {
        List<Candidate> ranked = ranker.rank(
                List.of(
                        GraphLink.of(Origin.SEED, 0, "a", Kind.SAME_BRAND, "brand via s0"), // 0.25
                        GraphLink.of(Origin.SEED, 1, "b", Kind.SAME_CATEGORY, "category via s1"), // 2.0 / 2
                        GraphLink.of(Origin.SEED, 2, "a", Kind.SAME_CATEGORY, "category via s2"), // 2.0 / 3
                        GraphLink.of(Origin.HISTORY, 0, "c", Kind.SAME_CATEGORY, "category via h0"), // 0.5 x 2.0
                        GraphLink.of(
                                Origin.QUERY, 3, "d", Kind.MENTIONED_BRAND, "query brand")), // 1.0, no position decay
                10);

        assertEquals(
                List.of("b", "c", "d", "a"), ranked.stream().map(Candidate::id).toList());
        assertEquals(1.0, ranked.get(0).score(), 1e-12);
        assertEquals(0.25 + 2.0 / 3, ranked.get(3).score(), 1e-12);
        assertEquals("category via s2; brand via s0", ranked.get(3).reason());
    }

    @Test
    void eachCandidateNamesTheKindsOfItsPathsStrongestFirst() {
        List<Candidate> ranked = ranker.rank(
                List.of(
                        GraphLink.of(Origin.SEED, 0, "a", Kind.SAME_BRAND, "brand via s0"), // 0.25
                        GraphLink.of(Origin.QUERY, 0, "a", Kind.MENTIONED_CATEGORY, "query category"), // 1.0
                        new GraphLink(
                                Origin.SEED, 0, "a", Kind.RELATED, List.of(RelationType.ACCESSORY_OF), 1.0, "acc"),
                        GraphLink.of(Origin.SEED, 1, "a", Kind.SAME_BRAND, "brand via s1")),
                10); // 0.125

        assertEquals(
                List.of("ACCESSORY_OF", "query-names-category", "shared-brand"),
                ranked.get(0).paths());
    }

    @Test
    void aChainMultipliesItsRelationAndEdgeWeightsAndDecaysPerExtraHop() {
        List<Candidate> ranked = ranker.rank(
                List.of(
                        new GraphLink(
                                Origin.SEED, 0, "x", Kind.RELATED, List.of(RelationType.ACCESSORY_OF), 1.0, "one hop"),
                        new GraphLink(
                                Origin.SEED,
                                0,
                                "y",
                                Kind.RELATED,
                                List.of(RelationType.ALSO_BOUGHT, RelationType.ACCESSORY_OF),
                                0.3,
                                "two hops")),
                10);

        assertEquals(3.0, ranked.get(0).score(), 1e-12);
        assertEquals(2.0 * 3.0 * 0.3 * 0.5, ranked.get(1).score(), 1e-12);
    }

    @Test
    void equalScoresKeepIdOrderKCutsAndTheSamePathCountsOnce() {
        List<Candidate> ranked = ranker.rank(
                List.of(
                        GraphLink.of(Origin.SEED, 0, "c", Kind.SAME_BRAND, "X"),
                        GraphLink.of(Origin.SEED, 0, "a", Kind.SAME_BRAND, "X"),
                        GraphLink.of(Origin.SEED, 0, "a", Kind.SAME_BRAND, "X"),
                        GraphLink.of(Origin.SEED, 0, "b", Kind.SAME_BRAND, "X")),
                2);

        assertEquals(List.of("a", "b"), ranked.stream().map(Candidate::id).toList());
        assertEquals(0.25, ranked.get(0).score(), 1e-12);
    }

    @Test
    void longReasonsAreSummarisedAndZeroWeightPathsLeftOut() {
        List<Candidate> ranked = ranker.rank(
                List.of(
                        GraphLink.of(Origin.SEED, 0, "a", Kind.SAME_CATEGORY, "p0"),
                        GraphLink.of(Origin.SEED, 1, "a", Kind.SAME_CATEGORY, "p1"),
                        GraphLink.of(Origin.SEED, 2, "a", Kind.SAME_CATEGORY, "p2"),
                        GraphLink.of(Origin.SEED, 3, "a", Kind.SAME_CATEGORY, "p3"),
                        GraphLink.of(Origin.SEED, 4, "a", Kind.SAME_CATEGORY, "p4"),
                        GraphLink.of(Origin.SEED, 0, "z", Kind.SAME_ATTRIBUTE, "attribute weight is 0")),
                5);

        assertEquals(1, ranked.size());
        assertEquals("p0; p1; p2 (and 2 more)", ranked.get(0).reason());
    }

    /** The real mapping with its defaults; durations in ISO form, as plain SmallRye (without Quarkus) reads them. */
    static KnowledgeGraphConfig config(Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put("magpie.kg.startup-wait", "PT1S");
        all.put("magpie.kg.query-timeout", "PT10S");
        all.put("magpie.kg.write-timeout", "PT60S");
        all.put("magpie.kg.dictionary.refresh-interval", "PT60S");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(all, "test", 500))
                .withMapping(KnowledgeGraphConfig.class)
                .build();
        return config.getConfigMapping(KnowledgeGraphConfig.class);
    }
}
