package io.magpie.fusion.ranking.trees;

/**
 * The outcome of training.
 *
 * @param ranker            the model, refit on all training queries
 * @param rounds            boosting rounds (chosen by early stopping)
 * @param earlyStoppingNdcg XGBoost's NDCG@10 on the validation queries at the chosen round (fit without them)
 * @param validationNdcg    NDCG@10 of the final model on the validation queries (which it was refit on: optimistic)
 * @param fittingQueries    queries the rounds were chosen with
 * @param validationQueries queries early stopping watched
 * @param skippedQueries    queries without any relevant candidate (nothing to learn from)
 */
public record TrainedTrees(
        TreeRanker ranker,
        int rounds,
        double earlyStoppingNdcg,
        double validationNdcg,
        int fittingQueries,
        int validationQueries,
        int skippedQueries) {}
