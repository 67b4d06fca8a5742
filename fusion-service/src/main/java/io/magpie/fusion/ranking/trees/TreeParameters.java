package io.magpie.fusion.ranking.trees;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LambdaMART settings. The defaults are strong regularisation chosen before any held-out query was seen: about
 * 80 training queries of ~200 candidates each make a small, noisy training set, so trees are shallow, leaves need
 * weight, rows and columns are subsampled and the learning rate is low. The number of rounds is chosen by k-fold
 * cross-validation over the training queries (the mean NDCG@10 curve of the inner folds): one small validation
 * split chose 204, 4, 8, 2 and 1 rounds in the five ESCI folds, which is noise, not a choice.
 *
 * @param maxDepth        depth of each tree
 * @param eta             learning rate
 * @param minChildWeight  least hessian weight in a leaf
 * @param subsample       share of rows each tree sees
 * @param colsampleByTree share of features each tree sees
 * @param lambda          L2 regularisation of leaf weights
 * @param maxRounds       most boosting rounds
 * @param validationFolds inner folds of the training queries that choose the number of rounds
 * @param seed            for the inner folds and subsampling
 */
public record TreeParameters(
        int maxDepth,
        double eta,
        double minChildWeight,
        double subsample,
        double colsampleByTree,
        double lambda,
        int maxRounds,
        int validationFolds,
        long seed) {

    public static final TreeParameters DEFAULTS = new TreeParameters(4, 0.05, 5, 0.8, 0.8, 5, 300, 4, 42);

    public TreeParameters {
        check(maxDepth >= 1 && maxDepth <= 12, "maxDepth", "between 1 and 12");
        check(eta > 0 && eta <= 1, "eta", "in (0, 1]");
        check(minChildWeight >= 0 && Double.isFinite(minChildWeight), "minChildWeight", ">= 0");
        check(subsample > 0 && subsample <= 1, "subsample", "in (0, 1]");
        check(colsampleByTree > 0 && colsampleByTree <= 1, "colsampleByTree", "in (0, 1]");
        check(lambda >= 0 && Double.isFinite(lambda), "lambda", ">= 0");
        check(maxRounds >= 1 && maxRounds <= 5000, "maxRounds", "between 1 and 5000");
        check(validationFolds >= 2 && validationFolds <= 20, "validationFolds", "between 2 and 20");
    }

    /** XGBoost's parameters for the LambdaMART objective. */
    Map<String, Object> xgboost(int threads) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", "rank:ndcg");
        params.put("eval_metric", "ndcg@10");
        params.put("tree_method", "hist");
        params.put("max_depth", maxDepth);
        params.put("eta", eta);
        params.put("min_child_weight", minChildWeight);
        params.put("subsample", subsample);
        params.put("colsample_bytree", colsampleByTree);
        params.put("lambda", lambda);
        params.put("seed", seed);
        params.put("nthread", threads);
        params.put("verbosity", 0);
        return params;
    }

    private static void check(boolean ok, String field, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(field + " must be " + rule);
        }
    }
}
