package io.magpie.kg.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.api.retrieval.Candidate;
import io.magpie.kg.config.KnowledgeGraphConfig;
import io.magpie.kg.model.GraphLink;
import io.magpie.kg.model.Relation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeighbourRankerTest {

    private final NeighbourRanker ranker = new NeighbourRanker(config(2.0, 0.25));

    @Test
    void linksAddUpWithSeedPositionAndRelationWeights() {
        List<Candidate> ranked = ranker.rank(List.of(
                new GraphLink(0, "s0", "a", Relation.BRAND, "Acme"),        // 0.25
                new GraphLink(1, "s1", "b", Relation.CATEGORY, "Towels"),   // 2.0 / 2
                new GraphLink(2, "s2", "a", Relation.CATEGORY, "Mops")),    // 2.0 / 3
                10);

        assertEquals(List.of("b", "a"), ranked.stream().map(Candidate::id).toList());
        assertEquals(1.0, ranked.get(0).score(), 1e-12);
        assertEquals(0.25 + 2.0 / 3, ranked.get(1).score(), 1e-12);
        assertEquals("same category 'Mops' as s2; same brand 'Acme' as s0", ranked.get(1).reason());
    }

    @Test
    void equalScoresKeepIdOrderAndKCuts() {
        List<Candidate> ranked = ranker.rank(List.of(
                new GraphLink(0, "s", "c", Relation.BRAND, "X"),
                new GraphLink(0, "s", "a", Relation.BRAND, "X"),
                new GraphLink(0, "s", "b", Relation.BRAND, "X")), 2);

        assertEquals(List.of("a", "b"), ranked.stream().map(Candidate::id).toList());
    }

    @Test
    void longReasonsAreSummarised() {
        List<Candidate> ranked = ranker.rank(List.of(
                new GraphLink(0, "s0", "a", Relation.CATEGORY, "C"),
                new GraphLink(1, "s1", "a", Relation.CATEGORY, "C"),
                new GraphLink(2, "s2", "a", Relation.CATEGORY, "C"),
                new GraphLink(3, "s3", "a", Relation.CATEGORY, "C"),
                new GraphLink(4, "s4", "a", Relation.CATEGORY, "C")), 5);

        assertEquals("same category 'C' as s0; same category 'C' as s1; same category 'C' as s2 (and 2 more)",
                ranked.get(0).reason());
    }

    @Test
    void noLinksNoCandidates() {
        assertEquals(List.of(), ranker.rank(List.of(), 5));
    }

    /** Named records, not anonymous classes: Quarkus rejects anonymous classes that inherit constraint annotations. */
    static KnowledgeGraphConfig config(double categoryWeight, double brandWeight) {
        return new TestConfig(new TestWeights(categoryWeight, brandWeight, 200));
    }

    record TestWeights(double categoryWeight, double brandWeight, int neighboursPerSeed)
            implements KnowledgeGraphConfig.Expand {
    }

    record TestConfig(Expand expand) implements KnowledgeGraphConfig {

        @Override
        public Duration startupWait() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Upsert upsert() {
            return () -> 1000;
        }

        @Override
        public Duration queryTimeout() {
            return Duration.ofSeconds(10);
        }
    }
}
