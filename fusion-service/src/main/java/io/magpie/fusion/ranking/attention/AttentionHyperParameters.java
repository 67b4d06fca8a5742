package io.magpie.fusion.ranking.attention;

/**
 * Sizes and training settings of an attention fusion model.
 *
 * @param embeddingSize    size of a source embedding E_s(x) and of the attended vector h
 * @param attentionSize    size of the attention's hidden layer (v . tanh(W_c c + W_x x + b))
 * @param hiddenSize       hidden units of the score MLP
 * @param learningRate     AdamW's learning rate
 * @param weightDecay      AdamW's decoupled weight decay
 * @param queriesPerBatch  queries (whole candidate lists) per optimiser step
 * @param maxEpochs        epochs at most
 * @param patience         epochs without a better validation NDCG@10 before stopping
 * @param validationShare  share of the training queries held out for early stopping
 * @param seed             seeds initial weights, the validation split and the batch order
 */
public record AttentionHyperParameters(
        int embeddingSize,
        int attentionSize,
        int hiddenSize,
        float learningRate,
        float weightDecay,
        int queriesPerBatch,
        int maxEpochs,
        int patience,
        double validationShare,
        long seed) {

    public AttentionHyperParameters {
        if (embeddingSize < 1 || attentionSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException("embedding, attention and hidden sizes must be >= 1");
        }
        if (!(learningRate > 0)
                || !(weightDecay >= 0)
                || !Float.isFinite(learningRate)
                || !Float.isFinite(weightDecay)) {
            throw new IllegalArgumentException("learning rate must be > 0 and weight decay >= 0");
        }
        if (queriesPerBatch < 1 || maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("queriesPerBatch, maxEpochs and patience must be >= 1");
        }
        if (!(validationShare > 0 && validationShare < 1)) {
            throw new IllegalArgumentException("validationShare must be in (0, 1), got " + validationShare);
        }
    }

    /**
     * Small sizes for lists of a few hundred candidates and ~100 training queries: 16-wide embedding and attention,
     * 32 hidden units, AdamW 3e-3 with decay 0.01, 8 queries a step, 200 epochs at most, patience 20, 20 % held
     * out. Chosen before any measurement on ESCI.
     */
    public static AttentionHyperParameters defaults() {
        return new AttentionHyperParameters(16, 16, 32, 3e-3f, 0.01f, 8, 200, 20, 0.2, 42);
    }

    public AttentionHyperParameters withSeed(long newSeed) {
        return new AttentionHyperParameters(
                embeddingSize,
                attentionSize,
                hiddenSize,
                learningRate,
                weightDecay,
                queriesPerBatch,
                maxEpochs,
                patience,
                validationShare,
                newSeed);
    }

    public AttentionHyperParameters withEpochs(int newMaxEpochs, int newPatience) {
        return new AttentionHyperParameters(
                embeddingSize,
                attentionSize,
                hiddenSize,
                learningRate,
                weightDecay,
                queriesPerBatch,
                newMaxEpochs,
                newPatience,
                validationShare,
                seed);
    }
}
