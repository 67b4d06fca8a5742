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
 * Trains LambdaMART (XGBoost {@code rank:ndcg}) on labelled query groups: splits the training queries into a
 * fitting and a validation part, boosts on the first while watching NDCG@10 on the second, stops when it has not
 * improved for {@link TreeParameters#earlyStopping()} rounds, then refits on all training queries with the best
 * number of rounds (the validation part is too valuable to leave out of the final model).
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
        int validationSize = Math.max(1, (int) Math.round(shuffled.size() * parameters.validationShare()));
        List<RankingGroup> validation = shuffled.subList(0, validationSize);
        List<RankingGroup> fitting = shuffled.subList(validationSize, shuffled.size());

        Map<String, Object> xgboost = parameters.xgboost(threads);
        DMatrix fit = null;
        DMatrix valid = null;
        DMatrix all = null;
        try {
            fit = matrix(fitting, features);
            valid = matrix(validation, features);
            Map<String, DMatrix> watches = new HashMap<>();
            watches.put("validation", valid);
            float[][] metrics = new float[1][parameters.maxRounds()];
            Booster probe = XGBoost.train(
                    fit, xgboost, parameters.maxRounds(), watches, metrics, null, null, parameters.earlyStopping());
            probe.dispose();
            // rounds after the stop stay 0 in the array, so the first best one is the chosen round
            int bestRound = 0;
            for (int r = 1; r < metrics[0].length; r++) {
                if (metrics[0][r] > metrics[0][bestRound]) {
                    bestRound = r;
                }
            }
            int rounds = bestRound + 1;
            all = matrix(usable, features);
            Booster booster = XGBoost.train(all, xgboost, rounds, Map.of(), null, null);
            TreeRanker ranker = TreeRanker.of(booster, features);
            double validationNdcg = meanNdcg(ranker, validation);
            return new TrainedTrees(
                    ranker,
                    rounds,
                    metrics[0][bestRound],
                    validationNdcg,
                    fitting.size(),
                    validation.size(),
                    groups.size() - usable.size());
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to train: " + e.getMessage(), e);
        } finally {
            for (DMatrix m : new DMatrix[] {fit, valid, all}) {
                if (m != null) {
                    m.dispose();
                }
            }
        }
    }

    static double meanNdcg(TreeRanker ranker, List<RankingGroup> groups) {
        double sum = 0;
        for (RankingGroup group : groups) {
            sum += Ndcg.ofGrades(10, ranker.score(group.flat()), group.labels());
        }
        return groups.isEmpty() ? 0 : sum / groups.size();
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
