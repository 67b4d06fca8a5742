package io.magpie.fusion.strategy;

import static io.magpie.fusion.strategy.FusionCases.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.fusion.FusedItem;
import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.fusion.SourceContribution;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightedFusionTest {

    private final WeightedFusion weighted =
            new WeightedFusion(new SourceWeights(Map.of("dense", 1.0, "lexical", 1.0, "graph", 0.3), 1.0));

    @Test
    void scoresAreWeightedSumsOfNormalisedScores() {
        List<FusedItem> fused = weighted.fuse(FusionCases.threeSources(), 10);

        // a = 1.0 * 1.0 + 0.3 * 0.0; b = 1.0 * 0.75 + 1.0 * 1.0; c = 1.0 * 0.0 + 0.3 * 1.0; d = 0.5; e = 0.0
        assertEquals(
                List.of("b", "a", "d", "c", "e"),
                fused.stream().map(FusedItem::id).toList());
        assertEquals(
                List.of(1.75, 1.0, 0.5, 0.3, 0.0),
                fused.stream().map(FusedItem::score).toList());
        assertEquals(FusionStrategy.WEIGHTED, weighted.strategy());
    }

    @Test
    void everyItemNamesItsSourcesWithRankAndWeightedContributionLargestFirst() {
        List<FusedItem> fused = weighted.fuse(FusionCases.threeSources(), 10);

        assertEquals(
                List.of(new SourceContribution("lexical", 1, 1.0), new SourceContribution("dense", 2, 0.75)),
                fused.get(0).sources());
        assertEquals(
                List.of(new SourceContribution("dense", 1, 1.0), new SourceContribution("graph", 2, 0.0)),
                fused.get(1).sources());
        assertEquals(
                List.of(new SourceContribution("graph", 1, 0.3), new SourceContribution("dense", 3, 0.0)),
                fused.get(3).sources());
    }

    @Test
    void weightsChangeTheOrder() {
        WeightedFusion graphHeavy = new WeightedFusion(new SourceWeights(Map.of("graph", 3.0), 1.0));

        // a = 1.0 + 0.0; b = 0.75 + 1.0; c = 0.0 + 3.0; d = 0.5; e = 0.0
        assertEquals(
                List.of("c", "b", "a", "d", "e"),
                graphHeavy.fuse(FusionCases.threeSources(), 10).stream()
                        .map(FusedItem::id)
                        .toList());
    }

    @Test
    void anUnlistedSourceGetsTheOtherwiseWeight() {
        WeightedFusion halfForOthers = new WeightedFusion(new SourceWeights(Map.of("dense", 1.0), 0.5));

        List<FusedItem> fused = halfForOthers.fuse(
                List.of(list("dense", "a", 2.0, "b", 1.0), list("collaborative", "b", 4.0, "c", 1.0)), 10);

        // a = 1.0; b = 0.0 + 0.5 * 1.0; c = 0.5 * 0.0
        assertEquals(List.of("a", "b", "c"), fused.stream().map(FusedItem::id).toList());
        assertEquals(0.5, fused.get(1).score(), 1e-12);
    }

    @Test
    void aLoneSourceIsItsOwnRankingScoredByItsNormalisedScoreWhateverItsWeight() {
        WeightedFusion collaborativeOff = new WeightedFusion(new SourceWeights(Map.of("collaborative", 0.0), 1.0));

        // weight 0 used to score every item 0; alone, a source keeps its order and its normalised scores
        List<FusedItem> fused =
                collaborativeOff.fuse(List.of(list("collaborative", "c", 4.0, "a", 3.0, "b", 2.0, "d", 0.0)), 3);

        assertEquals(List.of("c", "a", "b"), fused.stream().map(FusedItem::id).toList());
        assertEquals(
                List.of(1.0, 0.75, 0.5), fused.stream().map(FusedItem::score).toList());
        assertEquals(
                List.of(new SourceContribution("collaborative", 2, 0.75)),
                fused.get(1).sources());
    }

    @Test
    void aLoneSourceKeepsItsOwnOrderEvenWhereItsScoresDoNot() {
        // a source's ranking is its list; two lists of one source count an item at its first list's position
        List<FusedItem> fused = weighted.fuse(
                List.of(list("graph", "x", 1.0, "y", 3.0, "x", 5.0), list("graph", "z", 2.0, "y", 9.0)), 10);

        assertEquals(List.of("x", "y", "z"), fused.stream().map(FusedItem::id).toList());
        assertEquals(
                List.of(0.0, 1.0, 0.0), fused.stream().map(FusedItem::score).toList());
    }

    @Test
    void sizeLimitsTheAnswer() {
        assertEquals(
                List.of("b", "a"),
                weighted.fuse(FusionCases.threeSources(), 2).stream()
                        .map(FusedItem::id)
                        .toList());
        assertTrue(weighted.fuse(List.of(), 10).isEmpty());
    }

    @Test
    void negativeOrNonFiniteWeightsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SourceWeights(Map.of("dense", -1.0), 1.0));
        assertThrows(IllegalArgumentException.class, () -> new SourceWeights(Map.of("dense", Double.NaN), 1.0));
        assertThrows(IllegalArgumentException.class, () -> new SourceWeights(Map.of(), Double.POSITIVE_INFINITY));
    }
}
