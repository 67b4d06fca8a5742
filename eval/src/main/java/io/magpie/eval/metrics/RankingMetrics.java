package io.magpie.eval.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Per-query ranking measures over a ranking (item ids, best first) and the query's {@link Relevance}. Pure
 * functions; the same code scores searches (graded ESCI gains, see {@link EsciGains}) and recommendations (one
 * held-out target, {@link Relevance#single}: NDCG@10 and HR@10 = Recall@10).
 *
 * <h2>Definitions</h2>
 * <ul>
 *   <li>{@code DCG@k = sum over ranks r = 1..min(k, n) of gain(item at r) / log2(r + 1)}.</li>
 *   <li>{@code NDCG@k = DCG@k / IDCG@k}, where IDCG@k is the DCG@k of the ideal ranking: all judged items with a
 *       positive gain, largest gain first (whether the ranking retrieved them or not). 0 when IDCG is 0 (no item
 *       of the query has a positive gain).</li>
 *   <li>{@code Recall@k = |relevant items in the top k| / |relevant items|}; 0 for a query without relevant items
 *       (the query still counts in a mean).</li>
 *   <li>{@code RR@k = 1 / rank of the first relevant item within the top k}, 0 if none there. Its mean is MRR.</li>
 *   <li>{@code Hit@k = 1} if a relevant item is in the top k, else 0 (= Recall@k with one relevant item).</li>
 * </ul>
 * Items the ranking does not reach (fewer than k results) count as non-relevant. Unjudged items have gain 0 and are
 * not relevant.
 *
 * <h2>Against trec_eval (measures {@code ndcg_cut.k}, {@code recall.k}, {@code recip_rank})</h2>
 * Checked against trec_eval 10.0-rc3 on {@code reference-bm25.run} (qrels E = 100, S = 10, C = 1, I = 0;
 * {@code trec_eval -c -q -l 100 -m ndcg_cut.10 -m recall.100 -m recip_rank}): the same value for each of the 100
 * queries as far as trec_eval prints (4 decimals), and the same means. The same as trec_eval 9.0.4 and later in: the
 * discount {@code log2(rank + 1)} at every rank, rank 1 included (versions before 9.0.4 left rank 1 undiscounted and
 * divided by {@code log2(rank)} after); the ideal DCG from all judged items of the query, cut at k; unjudged items
 * as gain 0 (trec_eval without {@code -J}); a ranking shorter than k padded with non-relevant items; recall 0 for a
 * query without relevant items, still averaged; NDCG 0 when the ideal DCG is 0. {@link #hit} is trec_eval's
 * {@code success.k}.
 * <p>
 * Different in:
 * <ul>
 *   <li><b>Gains.</b> trec_eval takes the integer relevance level of the qrels as the gain; ESCI's 1 / 0.1 / 0.01
 *       cannot be written there. Scaled qrels (E = 100, S = 10, C = 1, I = 0) give the same NDCG, since NDCG does not
 *       change when all gains are multiplied, and {@code -l 100} makes only E relevant for recall and recip_rank.</li>
 *   <li><b>Order.</b> trec_eval re-sorts each query's run by score, ties broken by document id, and ignores the rank
 *       column; here the list order is the ranking.</li>
 *   <li><b>Duplicates.</b> trec_eval refuses a run that lists an id twice for a query. Here an id counts at its first
 *       position only: a repeat keeps its rank slot but adds no gain and is not a second relevant hit, so repeating
 *       a good item cannot raise a score.</li>
 *   <li><b>Cut-off of RR.</b> trec_eval's recip_rank reads the whole run; {@link #reciprocalRank} stops at k. The
 *       same for runs of at most k items (the ESCI protocol: top 100, MRR within the top 100).</li>
 *   <li><b>Which queries are averaged</b> is the caller's choice, not these functions'. Magpie's reports average
 *       over every query of the set, an empty ranking scoring 0, as trec_eval's {@code -c} does. Without {@code -c},
 *       trec_eval 9.x silently skips a judged query that has no ranking and trec_eval 10 stops with an error.
 *       {@code reference-bm25.run} has no line for one of its 100 queries ("firestick"): the published figures
 *       are the {@code -c} ones (over 99 queries NDCG@10 would be 0.6229).</li>
 * </ul>
 */
public final class RankingMetrics {

    private RankingMetrics() {}

    /** Discounted cumulative gain of the top k, each id counted at its first position only. */
    public static double dcg(List<String> ranking, Relevance relevance, int k) {
        requirePositive(k);
        Set<String> seen = new HashSet<>();
        double sum = 0;
        int depth = Math.min(k, ranking.size());
        for (int i = 0; i < depth; i++) {
            String id = ranking.get(i);
            if (seen.add(id)) {
                sum += relevance.gain(id) / log2(i + 2);
            }
        }
        return sum;
    }

    /** DCG of the ideal ranking of the query's judged items, cut at k. */
    public static double idealDcg(Relevance relevance, int k) {
        requirePositive(k);
        double[] ideal = relevance.idealGains();
        double sum = 0;
        for (int i = 0; i < Math.min(k, ideal.length); i++) {
            sum += ideal[i] / log2(i + 2);
        }
        return sum;
    }

    /** NDCG@k, in [0, 1]; 0 when no item of the query has a positive gain. */
    public static double ndcg(List<String> ranking, Relevance relevance, int k) {
        double ideal = idealDcg(relevance, k);
        return ideal > 0 ? dcg(ranking, relevance, k) / ideal : 0.0;
    }

    /** Share of the query's relevant items found in the top k; 0 when the query has none. */
    public static double recall(List<String> ranking, Relevance relevance, int k) {
        int relevant = relevance.relevantCount();
        return relevant == 0 ? 0.0 : (double) relevantInTop(ranking, relevance, k) / relevant;
    }

    /** 1 if a relevant item is in the top k, else 0: HR@k. */
    public static double hit(List<String> ranking, Relevance relevance, int k) {
        return firstRelevantRank(ranking, relevance, k) > 0 ? 1.0 : 0.0;
    }

    /** 1 / rank of the first relevant item in the top k; 0 if none is there. */
    public static double reciprocalRank(List<String> ranking, Relevance relevance, int k) {
        int rank = firstRelevantRank(ranking, relevance, k);
        return rank > 0 ? 1.0 / rank : 0.0;
    }

    /** 1-based rank of the first relevant item within the top k, 0 if none. */
    public static int firstRelevantRank(List<String> ranking, Relevance relevance, int k) {
        requirePositive(k);
        int depth = Math.min(k, ranking.size());
        for (int i = 0; i < depth; i++) {
            if (relevance.isRelevant(ranking.get(i))) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Distinct relevant items in the top k. */
    public static int relevantInTop(List<String> ranking, Relevance relevance, int k) {
        requirePositive(k);
        Set<String> found = new HashSet<>();
        int depth = Math.min(k, ranking.size());
        for (int i = 0; i < depth; i++) {
            String id = ranking.get(i);
            if (relevance.isRelevant(id)) {
                found.add(id);
            }
        }
        return found.size();
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }

    private static void requirePositive(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
    }
}
