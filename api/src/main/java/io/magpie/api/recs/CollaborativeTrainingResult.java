package io.magpie.api.recs;

import java.time.Instant;

/**
 * A finished training of the collaborative item vectors, now served by retrieval-service.
 *
 * @param model        the model trained: {@code item2vec} or {@code next-item}
 * @param version      the model version written to {@code product_cf} and activated
 * @param previous     the version served before, or null
 * @param items        items given a vector
 * @param shoppers     shoppers' sequences trained on (users, and sessions without a user)
 * @param interactions events trained on (a shopper's repeated item counts once)
 * @param seconds      the whole run: read, train, write, activate
 * @param trainedAt    when it finished
 */
public record CollaborativeTrainingResult(
        String model,
        String version,
        String previous,
        int items,
        int shoppers,
        long interactions,
        double seconds,
        Instant trainedAt) {}
