package io.magpie.eval.metrics;

import java.util.List;

/**
 * A named per-query measure at a cut-off, so that tools list their measures as data.
 *
 * @param name    the label in reports ("NDCG@10", "Recall@100", "MRR", "HR@10")
 * @param k       the cut-off
 * @param measure the function of {@link RankingMetrics}
 */
public record Metric(String name, int k, Measure measure) {

    /** A per-query measure: ranking (best first), judgements, cut-off. */
    @FunctionalInterface
    public interface Measure {
        double score(List<String> ranking, Relevance relevance, int k);
    }

    public static Metric ndcg(int k) {
        return new Metric("NDCG@" + k, k, RankingMetrics::ndcg);
    }

    public static Metric recall(int k) {
        return new Metric("Recall@" + k, k, RankingMetrics::recall);
    }

    public static Metric hitRate(int k) {
        return new Metric("HR@" + k, k, RankingMetrics::hit);
    }

    /** Reciprocal rank of the first relevant item within the top k; its mean over queries is MRR. */
    public static Metric reciprocalRank(int k) {
        return new Metric("MRR@" + k, k, RankingMetrics::reciprocalRank);
    }

    public Metric named(String newName) {
        return new Metric(newName, k, measure);
    }

    public double score(List<String> ranking, Relevance relevance) {
        return measure.score(ranking, relevance, k);
    }
}
