package io.magpie.fusion.strategy;

import static io.magpie.fusion.strategy.FusionCases.list;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.api.fusion.FusedItem;
import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.fusion.SourceContribution;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaxFusionTest {

    private final MaxFusion max = new MaxFusion();

    @Test
    void scoresAreTheLargestNormalisedScoreTiesGoToBroaderSupport() {
        List<FusedItem> fused = max.fuse(FusionCases.threeSources(), 10);

        // a = max(1.0, 0.0), b = max(0.75, 1.0), c = max(0.0, 1.0): all 1.0; b has the largest sum (1.75);
        // a and c tie on sum (1.0) and best rank (1): id order. Then d = 0.5, e = 0.0.
        assertEquals(
                List.of("b", "a", "c", "d", "e"),
                fused.stream().map(FusedItem::id).toList());
        assertEquals(
                List.of(1.0, 1.0, 1.0, 0.5, 0.0),
                fused.stream().map(FusedItem::score).toList());
        assertEquals(FusionStrategy.MAX, max.strategy());
    }

    @Test
    void everyItemNamesEachSourceWithRankAndNormalisedScore() {
        List<FusedItem> fused = max.fuse(FusionCases.threeSources(), 10);

        assertEquals(
                List.of(new SourceContribution("lexical", 1, 1.0), new SourceContribution("dense", 2, 0.75)),
                fused.get(0).sources());
        assertEquals(
                List.of(new SourceContribution("graph", 1, 1.0), new SourceContribution("dense", 3, 0.0)),
                fused.get(2).sources());
    }

    @Test
    void scaleDifferencesDoNotDecide() {
        // Raw lexical scores dwarf dense ones; after normalisation the second of each list ties at 0.5.
        List<FusedItem> fused = max.fuse(
                List.of(
                        list("dense", "a", 0.75, "b", 0.5, "c", 0.25),
                        list("lexical", "x", 30.0, "y", 20.0, "z", 10.0)),
                10);

        assertEquals(
                List.of("a", "x", "b", "y", "c", "z"),
                fused.stream().map(FusedItem::id).toList());
        assertEquals(0.5, fused.get(2).score(), 1e-12);
        assertEquals(0.5, fused.get(3).score(), 1e-12);
    }
}
