package io.magpie.fusion.ranking.attention;

import java.util.List;

/**
 * How a model was trained and how well it did on its held-out validation queries.
 *
 * @param trainingQueries      queries the optimiser saw
 * @param validationQueries    queries held out for early stopping
 * @param skippedQueries       queries without any positive label (nothing to learn from), left out
 * @param epochs               epochs run
 * @param bestEpoch            the epoch (1-based) whose parameters were kept
 * @param bestValidationNdcg10 mean NDCG@10 of the validation queries at the best epoch
 * @param validationNdcg10     mean validation NDCG@10 after each epoch
 * @param trainingLoss         mean listwise loss of each epoch
 * @param seconds              wall time of the training
 */
public record TrainingMetrics(
        int trainingQueries,
        int validationQueries,
        int skippedQueries,
        int epochs,
        int bestEpoch,
        double bestValidationNdcg10,
        List<Double> validationNdcg10,
        List<Double> trainingLoss,
        double seconds) {

    public TrainingMetrics {
        validationNdcg10 = List.copyOf(validationNdcg10);
        trainingLoss = List.copyOf(trainingLoss);
    }
}
