package io.magpie.encoder.training;

/**
 * How a fine-tuning run trains. Defaults follow sentence-transformers' usual contrastive recipe for small
 * encoders (MultipleNegativesRankingLoss: scale 20 = temperature 0.05, AdamW, 10 % linear warm-up, lr 2e-5).
 *
 * @param epochs             passes over the pairs
 * @param batchSize          pairs per step; every other pair of the batch is a negative, so bigger is harder
 * @param learningRate       peak learning rate, reached at the end of the warm-up
 * @param warmupRatio        share of all steps spent raising the learning rate linearly from 0 to the peak
 * @param weightDecay        AdamW's decoupled weight decay
 * @param temperature        cosine similarities are divided by it before the softmax
 * @param maxTokens          texts are cut at this many word pieces (at most the model's own maximum)
 * @param seed               shuffling seed: the same pairs and seed give the same batches
 * @param checkpointEvery    write a checkpoint every this many steps (0: only at the end of each epoch)
 */
public record Hyperparameters(
        int epochs,
        int batchSize,
        float learningRate,
        float warmupRatio,
        float weightDecay,
        float temperature,
        int maxTokens,
        long seed,
        int checkpointEvery) {

    public static final Hyperparameters DEFAULTS = new Hyperparameters(1, 32, 2e-5f, 0.1f, 0.01f, 0.05f, 64, 42L, 0);

    public Hyperparameters {
        require(epochs >= 1 && epochs <= 100, "epochs must be between 1 and 100, was " + epochs);
        require(
                batchSize >= 2 && batchSize <= 1024,
                "batchSize must be between 2 and 1024 (in-batch negatives need at least 2), was " + batchSize);
        require(learningRate > 0 && learningRate <= 1e-2f, "learningRate must be in (0, 0.01], was " + learningRate);
        require(warmupRatio >= 0 && warmupRatio < 1, "warmupRatio must be in [0, 1), was " + warmupRatio);
        require(weightDecay >= 0 && weightDecay < 1, "weightDecay must be in [0, 1), was " + weightDecay);
        require(temperature >= 1e-3f && temperature <= 10, "temperature must be in [0.001, 10], was " + temperature);
        require(maxTokens >= 8 && maxTokens <= 8192, "maxTokens must be between 8 and 8192, was " + maxTokens);
        require(checkpointEvery >= 0, "checkpointEvery must be >= 0, was " + checkpointEvery);
    }

    /** Steps of a run over {@code pairs} pairs: full batches, plus the last partial one if it has 2 or more. */
    public int stepsPerEpoch(int pairs) {
        int full = pairs / batchSize;
        return pairs % batchSize >= 2 ? full + 1 : full;
    }

    /** Warm-up steps of a run of {@code totalSteps}. */
    public int warmupSteps(int totalSteps) {
        return (int) Math.floor(totalSteps * (double) warmupRatio);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
