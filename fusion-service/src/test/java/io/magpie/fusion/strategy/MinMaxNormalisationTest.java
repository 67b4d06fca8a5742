package io.magpie.fusion.strategy;

import static io.magpie.fusion.strategy.FusionCases.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinMaxNormalisationTest {

    @Test
    void eachListIsScaledToZeroOneWithinItself() {
        Map<String, List<NormalisedCandidate>> byItem = MinMaxNormalisation.byItem(FusionCases.threeSources());

        assertEquals(List.of("a", "b", "c", "d", "e"), List.copyOf(byItem.keySet()));
        assertEquals(
                List.of(new NormalisedCandidate("dense", 1, 1.0), new NormalisedCandidate("graph", 2, 0.0)),
                byItem.get("a"));
        assertEquals(0.75, byItem.get("b").get(0).score(), 1e-12);
        assertEquals(new NormalisedCandidate("lexical", 1, 1.0), byItem.get("b").get(1));
        assertEquals(
                List.of(new NormalisedCandidate("dense", 3, 0.0), new NormalisedCandidate("graph", 1, 1.0)),
                byItem.get("c"));
        assertEquals(List.of(new NormalisedCandidate("lexical", 2, 0.5)), byItem.get("d"));
        assertEquals(List.of(new NormalisedCandidate("lexical", 3, 0.0)), byItem.get("e"));
    }

    @Test
    void aOneItemListAndAListOfEqualScoresGetOne() {
        Map<String, List<NormalisedCandidate>> byItem =
                MinMaxNormalisation.byItem(List.of(list("dense", "x", 3.2), list("lexical", "p", 2.0, "q", 2.0)));

        assertEquals(List.of(new NormalisedCandidate("dense", 1, 1.0)), byItem.get("x"));
        assertEquals(List.of(new NormalisedCandidate("lexical", 1, 1.0)), byItem.get("p"));
        assertEquals(List.of(new NormalisedCandidate("lexical", 2, 1.0)), byItem.get("q"));
    }

    @Test
    void negativeScoresScaleLikeAnyOther() {
        Map<String, List<NormalisedCandidate>> byItem =
                MinMaxNormalisation.byItem(List.of(list("dense", "a", -1.0, "b", -2.0, "c", -5.0)));

        assertEquals(1.0, byItem.get("a").get(0).score(), 1e-12);
        assertEquals(0.75, byItem.get("b").get(0).score(), 1e-12);
        assertEquals(0.0, byItem.get("c").get(0).score(), 1e-12);
    }

    @Test
    void aRepeatedIdCountsAtItsFirstPositionAndDoesNotWidenTheRange() {
        // Without the repeat of "a" (score 0) the range is 3..5: b normalises to 0, not to 0.6.
        Map<String, List<NormalisedCandidate>> byItem =
                MinMaxNormalisation.byItem(List.of(list("dense", "a", 5.0, "b", 3.0, "a", 0.0)));

        assertEquals(List.of(new NormalisedCandidate("dense", 1, 1.0)), byItem.get("a"));
        assertEquals(List.of(new NormalisedCandidate("dense", 2, 0.0)), byItem.get("b"));
    }

    @Test
    void aSourceCountsOncePerItemEvenWithTwoLists() {
        Map<String, List<NormalisedCandidate>> byItem =
                MinMaxNormalisation.byItem(List.of(list("dense", "a", 5.0, "b", 1.0), list("dense", "b", 9.0)));

        assertEquals(List.of(new NormalisedCandidate("dense", 2, 0.0)), byItem.get("b"));
    }

    @Test
    void noListsOrEmptyListsGiveNothing() {
        assertTrue(MinMaxNormalisation.byItem(List.of()).isEmpty());
        assertTrue(MinMaxNormalisation.byItem(List.of(list("dense"))).isEmpty());
    }
}
