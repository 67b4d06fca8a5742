package io.magpie.api.recs;

/**
 * An admin-triggered training of the collaborative item vectors; every value absent takes the configured one.
 *
 * @param dimension     vector length, 2 to 512
 * @param contextWindow items up to this many positions apart in a shopper's sequence are context, 1 to 50
 * @param negatives     negatives drawn per positive pair, 1 to 50
 * @param epochs        passes over the sequences, 1 to 200
 * @param learningRate  starting rate, above 0 and at most 1
 * @param seed          random seed
 */
public record CollaborativeTrainingRequest(
        Integer dimension, Integer contextWindow, Integer negatives, Integer epochs, Double learningRate, Long seed) {

    public static final CollaborativeTrainingRequest DEFAULTS =
            new CollaborativeTrainingRequest(null, null, null, null, null, null);
}
