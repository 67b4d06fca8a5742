package io.magpie.fusion.ranking.trees;

import java.util.Map;

/**
 * The outcome of training.
 *
 * @param ranker           the model, fit on all training queries
 * @param variant          how it was fit, chosen by the inner cross-validation among the candidates
 * @param rounds           boosting rounds, chosen by the inner cross-validation
 * @param crossValidNdcg   mean NDCG@10 of the inner folds' held-out queries at the chosen round (each scored by a
 *                         model fit without it; the number of rounds was chosen on the same figures, so slightly
 *                         optimistic)
 * @param foldNdcg         the same, per inner fold
 * @param variantNdcg      per candidate variant, its best mean inner cross-validation NDCG@10
 * @param denseBlend       weight of the dense min-max score added to the trees' output, chosen on the inner folds'
 *                         held-out queries (0: none); the ranker's margin includes it
 * @param trainingQueries  queries with a relevant candidate, all used for the final fit
 * @param skippedQueries   queries without any relevant candidate (nothing to learn from)
 */
public record TrainedTrees(
        TreeRanker ranker,
        TreeVariant variant,
        int rounds,
        double crossValidNdcg,
        double[] foldNdcg,
        Map<String, Double> variantNdcg,
        double denseBlend,
        int trainingQueries,
        int skippedQueries) {}
