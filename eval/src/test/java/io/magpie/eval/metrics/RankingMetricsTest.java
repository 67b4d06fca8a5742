package io.magpie.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed cases; the discount of rank r is log2(r + 1): 1, 0.6309, 0.5, 0.4307, ... */
class RankingMetricsTest {

    private static final double EPS = 1e-12;

    private static Relevance esci(Map<String, String> labels) {
        return EsciGains.relevance(labels);
    }

    @Test
    void gradedNdcgAgainstTheIdealOfAllJudgedItems() {
        // judged: a = E, b = S, c = I, d = E (not retrieved). DCG = 1 + 0.1 / log2(3);
        // ideal gains 1, 1, 0.1: IDCG = 1 + 1 / log2(3) + 0.1 / log2(4).
        Relevance r = esci(Map.of("a", "E", "b", "S", "c", "I", "d", "E"));
        List<String> ranking = List.of("a", "b", "c");

        assertEquals(0.6324434278698446, RankingMetrics.ndcg(ranking, r, 10), EPS);
        assertEquals(1 + 0.1 / log2(3), RankingMetrics.dcg(ranking, r, 10), EPS);
        assertEquals(1 + 1 / log2(3) + 0.1 / log2(4), RankingMetrics.idealDcg(r, 10), EPS);
        assertEquals(0.5, RankingMetrics.recall(ranking, r, 100), EPS);
        assertEquals(1.0, RankingMetrics.reciprocalRank(ranking, r, 100), EPS);
    }

    @Test
    void itemsWithEqualGainsCanSwapWithoutChangingNdcg() {
        Relevance r = esci(Map.of("x", "E", "y", "E", "s1", "S", "s2", "S"));

        assertEquals(1.0, RankingMetrics.ndcg(List.of("x", "y", "s1", "s2"), r, 10), EPS);
        assertEquals(1.0, RankingMetrics.ndcg(List.of("y", "x", "s2", "s1"), r, 10), EPS);
        assertEquals(
                RankingMetrics.ndcg(List.of("s1", "x", "y"), r, 10),
                RankingMetrics.ndcg(List.of("s2", "y", "x"), r, 10),
                EPS);
    }

    @Test
    void aRankingShorterThanKIsPaddedWithNonRelevantItems() {
        Relevance r = esci(Map.of("a", "E", "b", "E"));
        List<String> ranking = List.of("a");

        assertEquals(1 / (1 + 1 / log2(3)), RankingMetrics.ndcg(ranking, r, 10), EPS);
        assertEquals(0.6131471927654584, RankingMetrics.ndcg(ranking, r, 10), EPS);
        assertEquals(0.5, RankingMetrics.recall(ranking, r, 100), EPS);
        assertEquals(1.0, RankingMetrics.reciprocalRank(ranking, r, 100), EPS);
        assertEquals(0.0, RankingMetrics.ndcg(List.of(), r, 10), EPS);
        assertEquals(0.0, RankingMetrics.recall(List.of(), r, 10), EPS);
        assertEquals(0.0, RankingMetrics.reciprocalRank(List.of(), r, 10), EPS);
    }

    @Test
    void aQueryWithoutRelevantItemsHasRecallAndReciprocalRankZero() {
        // Only a substitute: NDCG still rewards it (it is the best the query has), but nothing is relevant.
        Relevance onlySubstitute = esci(Map.of("s", "S", "i", "I"));
        assertEquals(1.0, RankingMetrics.ndcg(List.of("s", "i"), onlySubstitute, 10), EPS);
        assertEquals(0.0, RankingMetrics.recall(List.of("s", "i"), onlySubstitute, 100), EPS);
        assertEquals(0.0, RankingMetrics.reciprocalRank(List.of("s", "i"), onlySubstitute, 100), EPS);
        assertEquals(0, onlySubstitute.relevantCount());

        // Nothing with a positive gain: the ideal DCG is 0 and NDCG is defined as 0.
        Relevance nothing = esci(Map.of("i", "I"));
        assertEquals(0.0, RankingMetrics.ndcg(List.of("i", "u"), nothing, 10), EPS);
        assertEquals(0.0, RankingMetrics.ndcg(List.of("i"), new Relevance(Map.of(), 1.0), 10), EPS);
    }

    @Test
    void aRepeatedIdCountsOnlyAtItsFirstPosition() {
        Relevance r = esci(Map.of("a", "E", "b", "E"));
        List<String> ranking = List.of("a", "a", "b");

        // DCG = 1 + 0 (the repeat keeps its slot) + 1 / log2(4)
        assertEquals(1.5, RankingMetrics.dcg(ranking, r, 10), EPS);
        assertEquals(0.9197207891481876, RankingMetrics.ndcg(ranking, r, 10), EPS);
        assertEquals(0.5, RankingMetrics.recall(ranking, r, 2), EPS);
        assertEquals(1.0, RankingMetrics.recall(ranking, r, 3), EPS);
        assertEquals(1, RankingMetrics.relevantInTop(List.of("a", "a", "a"), r, 3));
        assertEquals(1.0, RankingMetrics.ndcg(List.of("a", "b", "a", "b"), r, 10), EPS);
    }

    @Test
    void unjudgedItemsHaveGainZeroAndAreNotRelevant() {
        Relevance r = esci(Map.of("a", "E"));
        List<String> ranking = List.of("unjudged", "a");

        assertEquals(1 / log2(3), RankingMetrics.ndcg(ranking, r, 10), EPS);
        assertEquals(0.5, RankingMetrics.reciprocalRank(ranking, r, 10), EPS);
        assertEquals(2, RankingMetrics.firstRelevantRank(ranking, r, 10));
        assertEquals(0.0, r.gain("unjudged"));
    }

    @Test
    void theCutOffIsHonoured() {
        Relevance r = esci(Map.of("hit", "E"));
        List<String> ranking = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ranking.add("miss" + i);
        }
        ranking.add("hit");

        assertEquals(0.0, RankingMetrics.ndcg(ranking, r, 10), EPS);
        assertEquals(0.0, RankingMetrics.reciprocalRank(ranking, r, 10), EPS);
        assertEquals(0.0, RankingMetrics.recall(ranking, r, 10), EPS);
        assertEquals(1.0 / 11, RankingMetrics.reciprocalRank(ranking, r, 100), EPS);
        assertEquals(1.0, RankingMetrics.recall(ranking, r, 11), EPS);
        assertEquals(1 / log2(12), RankingMetrics.ndcg(ranking, r, 11), EPS);
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.ndcg(ranking, r, 0));
    }

    @Test
    void aSingleHeldOutTargetGivesRecommendationNdcgAndHitRate() {
        Relevance target = Relevance.single("t");
        Metric ndcg = Metric.ndcg(10);
        Metric hr = Metric.hitRate(10);
        Metric recall = Metric.recall(10);

        assertEquals(0.5, ndcg.score(List.of("x", "y", "t"), target), EPS);
        assertEquals(1.0, hr.score(List.of("x", "y", "t"), target), EPS);
        assertEquals(1.0, recall.score(List.of("x", "y", "t"), target), EPS);
        assertEquals(1.0, ndcg.score(List.of("t"), target), EPS);
        List<String> late = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "t");
        assertEquals(0.0, ndcg.score(late, target), EPS);
        assertEquals(0.0, hr.score(late, target), EPS);
        assertEquals("NDCG@10", ndcg.name());
        assertEquals("HR@10", hr.name());
    }

    @Test
    void ndcgDoesNotChangeWhenAllGainsAreScaled() {
        // Why trec_eval's integer qrels E = 100, S = 10, C = 1 give the ESCI NDCG.
        Relevance fractional = new Relevance(Map.of("e", 1.0, "s", 0.1, "c", 0.01, "i", 0.0), 1.0);
        Relevance scaled = new Relevance(Map.of("e", 100.0, "s", 10.0, "c", 1.0, "i", 0.0), 100.0);
        List<String> ranking = List.of("i", "s", "c", "e");

        assertEquals(RankingMetrics.ndcg(ranking, fractional, 10), RankingMetrics.ndcg(ranking, scaled, 10), 1e-15);
        assertEquals(RankingMetrics.recall(ranking, fractional, 3), RankingMetrics.recall(ranking, scaled, 3));
        // (0.01 + 0.1 / log2(3)) / (1 + 0.1 / log2(3) + 0.01 / log2(4))
        assertEquals(0.06843315801483026, RankingMetrics.ndcg(List.of("c", "s"), fractional, 10), EPS);
    }

    @Test
    void judgementsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new Relevance(Map.of("a", -1.0), 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Relevance(Map.of("a", Double.NaN), 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Relevance(Map.of("a", 1.0), 0.0));
        assertThrows(IllegalArgumentException.class, () -> EsciGains.gain("X"));
        assertEquals(0.01, EsciGains.gain("C"));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
