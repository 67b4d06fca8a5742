package io.magpie.eval.rec;

import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.metrics.Metric;
import io.magpie.eval.metrics.Relevance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Leave-one-out evaluation of recommendation baselines with full ranking: for every user, every item is ranked
 * except the user's history items, and the held-out target is looked for in the top k. HR@k and NDCG@k come from
 * {@link Metric} ({@code io.magpie.eval.metrics}), means and 95 % intervals from {@link Bootstrap} over users.
 */
public final class RecEvaluation {

    /**
     * One user's outcome under each baseline (arrays in the order of the baselines).
     *
     * @param user    user index
     * @param target  the held-out item
     * @param history length of the history
     * @param ranks   the target's 1-based position in the full ranking; 0 when the target is in the history
     * @param hits    HR@k: 1 when the target is in the top k
     * @param ndcgs   NDCG@k: 1 / log2(rank + 1) within the top k, else 0
     */
    public record UserResult(int user, int target, int history, int[] ranks, double[] hits, double[] ndcgs) {}

    /** A baseline's means over users with their intervals. */
    public record Summary(
            String key, String name, String description, Bootstrap.Estimate hitRate, Bootstrap.Estimate ndcg) {}

    /** A baseline against popularity, per metric. */
    public record Comparison(
            String key, String name, String against, Bootstrap.Comparison hitRate, Bootstrap.Comparison ndcg) {}

    /** Everything the report shows. */
    public record Result(
            int k,
            boolean finalRun,
            List<Summary> summaries,
            List<Comparison> comparisons,
            List<UserResult> users,
            List<Recommender> baselines) {}

    private final Interactions data;
    private final int k;
    private final Bootstrap bootstrap;

    public RecEvaluation(Interactions data, int k, Bootstrap bootstrap) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        this.data = data;
        this.k = k;
        this.bootstrap = bootstrap;
    }

    /** How many {@link #baselines} there are; recommenders fitted elsewhere come after them. */
    public static final int BASELINES = 4;

    /** The baselines fitted on the run's data: popularity, then co-occurrence with each normalisation. */
    public static List<Recommender> baselines(Popularity popularity, Cooccurrence cooccurrence) {
        return List.of(
                popularity.recommender(),
                cooccurrence.recommender(Cooccurrence.Normalisation.COUNT),
                cooccurrence.recommender(Cooccurrence.Normalisation.CONDITIONAL),
                cooccurrence.recommender(Cooccurrence.Normalisation.COSINE));
    }

    /**
     * Fits the baselines on train (+ valid when {@code finalRun}) and evaluates them on the valid (test) targets.
     */
    public Result run(boolean finalRun) {
        return run(finalRun, List.of());
    }

    /** As {@link #run(boolean)}, with recommenders fitted elsewhere (on the same data) scored after the baselines. */
    public Result run(boolean finalRun, List<Recommender> fittedElsewhere) {
        List<int[]> fitted = data.fitSequences(finalRun);
        Popularity popularity = Popularity.fit(fitted, data.itemCount());
        Cooccurrence cooccurrence = Cooccurrence.fit(fitted, data.itemCount());
        List<Recommender> all = new ArrayList<>(baselines(popularity, cooccurrence));
        all.addAll(fittedElsewhere);
        return run(finalRun, popularity, all);
    }

    /** Evaluates the given baselines; the first is the one the others are compared with. */
    public Result run(boolean finalRun, Popularity popularity, List<Recommender> baselines) {
        ItemRanking ranking = new ItemRanking(popularity);
        Metric hitRate = Metric.hitRate(k);
        Metric ndcg = Metric.ndcg(k);
        int items = data.itemCount();
        double[] scores = new double[items];
        boolean[] excluded = new boolean[items];
        List<UserResult> users = new ArrayList<>();
        for (EvalCase c : data.cases(finalRun)) {
            for (int item : c.history()) {
                excluded[item] = true;
            }
            Relevance relevance = Relevance.single(data.itemIds().get(c.target()));
            int[] ranks = new int[baselines.size()];
            double[] hits = new double[baselines.size()];
            double[] ndcgs = new double[baselines.size()];
            for (int b = 0; b < baselines.size(); b++) {
                Arrays.fill(scores, 0.0);
                baselines.get(b).score(c.history(), scores);
                List<String> top = Arrays.stream(ranking.top(scores, excluded, k))
                        .mapToObj(data.itemIds()::get)
                        .toList();
                hits[b] = hitRate.score(top, relevance);
                ndcgs[b] = ndcg.score(top, relevance);
                ranks[b] = ranking.rankOf(scores, excluded, c.target());
                checkAgree(c, baselines.get(b), ranks[b], hits[b], ndcgs[b]);
            }
            users.add(new UserResult(c.user(), c.target(), c.history().length, ranks, hits, ndcgs));
            for (int item : c.history()) {
                excluded[item] = false;
            }
        }
        List<Summary> summaries = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        List<String> ids = users.stream().map(u -> data.userIds().get(u.user())).toList();
        for (int b = 0; b < baselines.size(); b++) {
            Recommender baseline = baselines.get(b);
            double[] h = column(users, b, true);
            double[] n = column(users, b, false);
            summaries.add(new Summary(
                    baseline.key(), baseline.name(), baseline.description(), bootstrap.mean(h), bootstrap.mean(n)));
            if (b > 0) {
                comparisons.add(new Comparison(
                        baseline.key(),
                        baseline.name(),
                        baselines.get(0).name(),
                        bootstrap.paired(ids, h, column(users, 0, true), 0),
                        bootstrap.paired(ids, n, column(users, 0, false), 0)));
            }
        }
        return new Result(k, finalRun, summaries, comparisons, users, baselines);
    }

    /** The top-k metrics and the full rank are computed separately; they must tell the same story. */
    private void checkAgree(EvalCase c, Recommender baseline, int rank, double hit, double ndcg) {
        boolean inTop = rank >= 1 && rank <= k;
        double expectedNdcg = inTop ? 1 / (Math.log(rank + 1) / Math.log(2)) : 0.0;
        if ((hit == 1.0) != inTop || Math.abs(ndcg - expectedNdcg) > 1e-9) {
            throw new IllegalStateException(
                    "user %d, %s: rank %d but HR %s, NDCG %s".formatted(c.user(), baseline.key(), rank, hit, ndcg));
        }
    }

    private static double[] column(List<UserResult> users, int baseline, boolean hits) {
        double[] values = new double[users.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = hits ? users.get(i).hits()[baseline] : users.get(i).ndcgs()[baseline];
        }
        return values;
    }
}
