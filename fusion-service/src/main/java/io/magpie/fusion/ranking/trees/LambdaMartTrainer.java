package io.magpie.fusion.ranking.trees;

import io.magpie.fusion.ranking.Ndcg;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains LambdaMART (XGBoost {@code rank:ndcg}) on labelled query groups. The number of rounds is chosen by k-fold
 * cross-validation inside the training queries: each inner fold boosts {@link TreeParameters#maxRounds()} rounds
 * without its queries while NDCG@10 on them is recorded per round; the round with the best mean over the folds is
 * chosen, and the final model is fit on all training queries with that many rounds. Held-out queries of an outer
 * evaluation never take part.
 */
public final class LambdaMartTrainer {

    private final int threads;

    public LambdaMartTrainer(int threads) {
        this.threads = threads;
    }

    /**
     * @throws IllegalArgumentException when fewer than two groups have a relevant item (nothing to learn or to
     *                                  validate on)
     */
    public TrainedTrees train(List<RankingGroup> groups, int features, TreeParameters parameters) {
        List<RankingGroup> usable =
                groups.stream().filter(RankingGroup::hasRelevant).toList();
        if (usable.size() < 2) {
            throw new IllegalArgumentException(
                    "at least two queries need a candidate with a label above 0, got " + usable.size());
        }
        List<RankingGroup> shuffled = new ArrayList<>(usable);
        Collections.shuffle(shuffled, new Random(parameters.seed()));
        int folds = Math.min(parameters.validationFolds(), shuffled.size());
        Map<String, Object> xgboost = parameters.xgboost(threads);
        try {
            float[][] curves = new float[folds][];
            for (int f = 0; f < folds; f++) {
                List<RankingGroup> fit = new ArrayList<>();
                List<RankingGroup> held = new ArrayList<>();
                for (int g = 0; g < shuffled.size(); g++) {
                    (g % folds == f ? held : fit).add(shuffled.get(g));
                }
                curves[f] = validationCurve(fit, held, features, xgboost, parameters.maxRounds());
            }
            int best = 0;
            double bestMean = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < parameters.maxRounds(); r++) {
                double mean = 0;
                for (float[] curve : curves) {
                    mean += curve[r];
                }
                mean /= folds;
                if (mean > bestMean + 1e-9) {
                    bestMean = mean;
                    best = r;
                }
            }
            double[] foldNdcg = new double[folds];
            for (int f = 0; f < folds; f++) {
                foldNdcg[f] = curves[f][best];
            }
            int rounds = best + 1;
            DMatrix all = matrix(usable, features);
            try {
                Booster booster = XGBoost.train(all, xgboost, rounds, Map.of(), null, null);
                return new TrainedTrees(
                        TreeRanker.of(booster, features),
                        rounds,
                        bestMean,
                        foldNdcg,
                        usable.size(),
                        groups.size() - usable.size());
            } finally {
                all.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to train: " + e.getMessage(), e);
        }
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
            List<RankingGroup> fit, List<RankingGroup> held, int features, Map<String, Object> xgboost, int rounds)
            throws XGBoostError {
        DMatrix fitting = matrix(fit, features);
        DMatrix validation = matrix(held, features);
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

    private static DMatrix matrix(List<RankingGroup> groups, int features) throws XGBoostError {
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
                System.arraycopy(group.flat()[i], 0, data, at * features, features);
                labels[at] = group.labels()[i];
                at++;
            }
        }
        DMatrix matrix = new DMatrix(data, rows, features, Float.NaN);
        matrix.setLabel(labels);
        matrix.setGroup(sizes);
        return matrix;
    }
}
