package io.magpie.api.recs;

/**
 * An admin-triggered training of the collaborative item vectors; every value absent takes the configured one.
 *
 * @param model         {@code item2vec} (skip-gram, the baseline) or {@code next-item} (DJL next-item model)
 * @param dimension     vector length, 2 to 512
 * @param contextWindow item2vec: items up to this many positions apart in a shopper's sequence are context, 1 to 50
 * @param negatives     item2vec: negatives drawn per positive pair, 1 to 50
 * @param epochs        passes over the sequences (next-item: at most, early stopping may end sooner), 1 to 200
 * @param learningRate  item2vec: starting rate; next-item: AdamW's rate; above 0 and at most 1
 * @param seed          random seed
 */
public record CollaborativeTrainingRequest(
        String model,
        Integer dimension,
        Integer contextWindow,
        Integer negatives,
        Integer epochs,
        Double learningRate,
        Long seed) {

    public static final String ITEM2VEC = "item2vec";
    public static final String NEXT_ITEM = "next-item";

    public static final CollaborativeTrainingRequest DEFAULTS =
            new CollaborativeTrainingRequest(null, null, null, null, null, null, null);
}
