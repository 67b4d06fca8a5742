package io.magpie.fusion.ranking.trees;

import io.magpie.fusion.ranking.Ndcg;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains LambdaMART (XGBoost {@code rank:ndcg}) on labelled query groups. The variant ({@link TreeVariant}) and
 * the number of rounds are chosen by k-fold
 * cross-validation inside the training queries: each inner fold boosts {@link TreeParameters#maxRounds()} rounds
 * without its queries while NDCG@10 on them is recorded per round; the round with the best mean over the folds is
 * chosen, and the final model is fit on all training queries with that many rounds. Held-out queries of an outer
 * evaluation never take part.
 */
public final class LambdaMartTrainer {

    /**
     * Weights of the dense source's min-max score added to the chosen model's output, among which the inner folds'
     * held-out queries choose (0: the trees alone). Trees fit on about 80 queries are noisy; a prior from the
     * strongest single feature steadies them (ADR 0040).
     */
    static final double[] DENSE_BLENDS = {0, 0.5, 1, 2, 4, 8};

    private final int threads;

    public LambdaMartTrainer(int threads) {
        this.threads = threads;
    }

    /** One variant: {@code parameters} as they are, over unnamed features. */
    public TrainedTrees train(List<RankingGroup> groups, int features, TreeParameters parameters) {
        return train(groups, features, parameters, false);
    }

    /** One variant over unnamed features, bagged or not. */
    public TrainedTrees train(List<RankingGroup> groups, int features, TreeParameters parameters, boolean bagged) {
        List<String> names = IntStream.range(0, features).mapToObj(i -> "f" + i).toList();
        return train(
                groups,
                names,
                List.of(new TreeVariant("plain", parameters, false, null, List.of(), List.of())),
                bagged);
    }

    /**
     * Fits every candidate variant on the same inner folds, keeps the variant and round with the best mean
     * NDCG@10 of the held-out inner queries, and refits it on all training queries.
     *
     * @throws IllegalArgumentException when fewer than two groups have a relevant item (nothing to learn or to
     *                                  validate on)
     */
    public TrainedTrees train(List<RankingGroup> groups, List<String> flatNames, List<TreeVariant> candidates) {
        return train(groups, flatNames, candidates, false);
    }

    /**
     * As {@link #train(List, List, List)}; {@code bagged}: the model is the mean of the refit and the k inner-fold
     * models of the chosen variant and rounds (ADR 0042), instead of the refit alone.
     */
    public TrainedTrees train(
            List<RankingGroup> groups, List<String> flatNames, List<TreeVariant> candidates, boolean bagged) {
        List<RankingGroup> usable =
                groups.stream().filter(RankingGroup::hasRelevant).toList();
        if (usable.size() < 2) {
            throw new IllegalArgumentException(
                    "at least two queries need a candidate with a label above 0, got " + usable.size());
        }
        TreeParameters first = candidates.get(0).parameters();
        List<RankingGroup> shuffled = new ArrayList<>(usable);
        Collections.shuffle(shuffled, new Random(first.seed()));
        int folds = Math.min(first.validationFolds(), shuffled.size());
        try {
            Map<String, Double> byVariant = new LinkedHashMap<>();
            TreeVariant chosen = null;
            int best = 0;
            double bestMean = Double.NEGATIVE_INFINITY;
            double[] foldNdcg = new double[folds];
            for (TreeVariant variant : candidates) {
                Map<String, Object> xgboost = variant.xgboost(threads, flatNames);
                int rounds = variant.parameters().maxRounds();
                float[][] curves = new float[folds][];
                for (int f = 0; f < folds; f++) {
                    curves[f] = validationCurve(
                            innerFold(shuffled, folds, f, false),
                            innerFold(shuffled, folds, f, true),
                            flatNames,
                            variant,
                            xgboost,
                            rounds);
                }
                double variantBest = Double.NEGATIVE_INFINITY;
                for (int r = 0; r < rounds; r++) {
                    double mean = 0;
                    for (float[] curve : curves) {
                        mean += curve[r];
                    }
                    mean /= folds;
                    if (mean > variantBest + 1e-9) {
                        variantBest = mean;
                    }
                    if (mean > bestMean + 1e-9) {
                        bestMean = mean;
                        best = r;
                        chosen = variant;
                        for (int f = 0; f < folds; f++) {
                            foldNdcg[f] = curves[f][r];
                        }
                    }
                }
                byVariant.put(variant.name(), variantBest);
            }
            int rounds = best + 1;
            int dense = flatNames.indexOf(TreeVariant.DENSE_MINMAX);
            List<Booster> inner =
                    bagged || dense >= 0 ? innerModels(shuffled, folds, flatNames, chosen, rounds) : List.of();
            List<Booster> members = new ArrayList<>();
            boolean returned = false;
            try {
                double blend = dense < 0 ? 0 : denseBlend(shuffled, folds, flatNames, chosen, inner, dense);
                DMatrix all = matrix(usable, flatNames, chosen);
                try {
                    members.add(XGBoost.train(all, chosen.xgboost(threads, flatNames), rounds, Map.of(), null, null));
                } finally {
                    all.dispose();
                }
                if (bagged) {
                    members.addAll(inner);
                }
                TrainedTrees trained = new TrainedTrees(
                        TreeRanker.of(members, flatNames.size(), servingMargin(chosen.margin(), blend, flatNames)),
                        chosen,
                        rounds,
                        bestMean,
                        foldNdcg,
                        byVariant,
                        blend,
                        usable.size(),
                        groups.size() - usable.size());
                returned = true;
                return trained;
            } finally {
                // the returned ranker owns its members; every other booster's native memory is freed here
                if (!returned || !bagged) {
                    inner.forEach(Booster::dispose);
                }
                if (!returned && !members.isEmpty()) {
                    members.get(0).dispose();
                }
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to train: " + e.getMessage(), e);
        }
    }

    /**
     * One model per inner fold, of the chosen variant and rounds, fit without that fold's queries (fold {@code f}
     * holds the groups {@code g} with {@code g % folds == f}). They choose the dense blend and, for a bagged model,
     * are its members beside the refit (ADR 0042).
     */
    private List<Booster> innerModels(
            List<RankingGroup> shuffled, int folds, List<String> flatNames, TreeVariant variant, int rounds)
            throws XGBoostError {
        Map<String, Object> xgboost = variant.xgboost(threads, flatNames);
        List<Booster> models = new ArrayList<>(folds);
        try {
            for (int f = 0; f < folds; f++) {
                DMatrix fitting = matrix(innerFold(shuffled, folds, f, false), flatNames, variant);
                try {
                    models.add(XGBoost.train(fitting, xgboost, rounds, Map.of(), null, null));
                } finally {
                    fitting.dispose();
                }
            }
            return models;
        } catch (XGBoostError | RuntimeException e) {
            models.forEach(Booster::dispose);
            throw e;
        }
    }

    /** The groups of inner fold {@code f} ({@code held}) or all the others. */
    private static List<RankingGroup> innerFold(List<RankingGroup> shuffled, int folds, int f, boolean held) {
        List<RankingGroup> groups = new ArrayList<>();
        for (int g = 0; g < shuffled.size(); g++) {
            if ((g % folds == f) == held) {
                groups.add(shuffled.get(g));
            }
        }
        return groups;
    }

    /**
     * The weight of {@link #DENSE_BLENDS} whose sum with the chosen model's output ranks the inner folds' held-out
     * queries best (out-of-fold scores of the inner models; ties go to the smaller weight).
     */
    private static double denseBlend(
            List<RankingGroup> shuffled,
            int folds,
            List<String> flatNames,
            TreeVariant variant,
            List<Booster> inner,
            int dense) {
        List<RankingGroup> held = new ArrayList<>();
        List<float[]> scores = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            // a view of the booster: closing it would free the member a bagged model keeps
            TreeRanker ranker = TreeRanker.of(List.of(inner.get(f)), flatNames.size(), variant.margin());
            for (RankingGroup group : innerFold(shuffled, folds, f, true)) {
                held.add(group);
                scores.add(ranker.score(group.flat()));
            }
        }
        double chosen = 0;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (double weight : DENSE_BLENDS) {
            double sum = 0;
            for (int g = 0; g < held.size(); g++) {
                float[][] flat = held.get(g).flat();
                float[] blended = scores.get(g).clone();
                for (int i = 0; i < blended.length; i++) {
                    blended[i] += (float) (weight * flat[i][dense]);
                }
                sum += Ndcg.ofGrades(10, blended, held.get(g).labels());
            }
            double mean = sum / held.size();
            if (mean > bestMean + 1e-9) {
                bestMean = mean;
                chosen = weight;
            }
        }
        return chosen;
    }

    /** The variant's own starting score plus the chosen weight of the dense score (null when both are none). */
    static BaseMargin servingMargin(BaseMargin own, double blend, List<String> flatNames) {
        if (blend == 0) {
            return own;
        }
        if (own == null) {
            return BaseMargin.of(TreeVariant.DENSE_MINMAX, blend, flatNames);
        }
        if (!own.feature().equals(TreeVariant.DENSE_MINMAX)) {
            throw new IllegalStateException("a dense blend adds to a dense starting score only, not " + own.feature());
        }
        return new BaseMargin(own.feature(), own.index(), own.scale() + blend);
    }

    static double meanNdcg(TreeRanker ranker, List<RankingGroup> groups) {
        double sum = 0;
        for (RankingGroup group : groups) {
            sum += Ndcg.ofGrades(10, ranker.score(group.flat()), group.labels());
        }
        return groups.isEmpty() ? 0 : sum / groups.size();
    }

    /** NDCG@10 of the held-out groups after each round of boosting on the others. */
    private static float[] validationCurve(
            List<RankingGroup> fit,
            List<RankingGroup> held,
            List<String> flatNames,
            TreeVariant variant,
            Map<String, Object> xgboost,
            int rounds)
            throws XGBoostError {
        DMatrix fitting = matrix(fit, flatNames, variant);
        DMatrix validation = matrix(held, flatNames, variant);
        try {
            Map<String, DMatrix> watches = new HashMap<>();
            watches.put("validation", validation);
            float[][] metrics = new float[1][rounds];
            Booster booster = XGBoost.train(fitting, xgboost, rounds, watches, metrics, null, null, 0);
            booster.dispose();
            return metrics[0];
        } finally {
            fitting.dispose();
            validation.dispose();
        }
    }

    /** The groups' rows, columns the variant may not read zeroed, with its base margin. */
    private static DMatrix matrix(List<RankingGroup> groups, List<String> flatNames, TreeVariant variant)
            throws XGBoostError {
        int features = flatNames.size();
        boolean[] readable = variant.readable(flatNames);
        int rows = groups.stream().mapToInt(g -> g.flat().length).sum();
        float[] data = new float[rows * features];
        float[] labels = new float[rows];
        int[] sizes = new int[groups.size()];
        int at = 0;
        for (int g = 0; g < groups.size(); g++) {
            RankingGroup group = groups.get(g);
            sizes[g] = group.flat().length;
            for (int i = 0; i < group.flat().length; i++) {
                if (group.flat()[i].length != features) {
                    throw new IllegalArgumentException("query '" + group.query() + "' has a row of "
                            + group.flat()[i].length + " features, expected " + features);
                }
                for (int c = 0; c < features; c++) {
                    data[at * features + c] = readable[c] ? group.flat()[i][c] : 0;
                }
                labels[at] = group.labels()[i];
                at++;
            }
        }
        DMatrix matrix = new DMatrix(data, rows, features, Float.NaN);
        matrix.setLabel(labels);
        matrix.setGroup(sizes);
        if (variant.margin() != null) {
            matrix.setBaseMargin(variant.margin().values(groups));
        }
        return matrix;
    }
}
