package io.magpie.api.encoder;

import java.util.List;

/**
 * A fine-tuning job for encoder-service ({@code POST /v1/admin/fine-tuning/jobs}, admin only): train a new version
 * of a model on (query, document) pairs. Give the pairs inline or as the name of an NDJSON file
 * ({@code {"query": ..., "document": ...}} per line) in the service's pairs folder, not both.
 *
 * @param baseModel  {@code name@version} to start from, or a name alone for that model's version being served
 * @param newVersion version name of the result (letters, digits, '.', '_', '-'); null for one made from the base
 *                   version and the time
 * @param pairs      training pairs, inline
 * @param pairsFile  file name of the pairs in the service's pairs folder
 * @param source     where the pairs came from, for the new version's metadata (e.g. "esci-subset E labels")
 * @param settings   hyper-parameters; null or missing fields take the service's defaults
 */
public record FineTuningRequest(
        String baseModel, String newVersion, List<Pair> pairs, String pairsFile, String source, Settings settings) {

    /** A query and the text of a product that answers it (for products, {@code Product#embeddingText()}). */
    public record Pair(String query, String document) {}

    /**
     * @param epochs          passes over the pairs
     * @param batchSize       pairs per step (each pair's negatives are the batch's other documents)
     * @param learningRate    peak learning rate of AdamW
     * @param warmupRatio     share of the steps spent warming the learning rate up linearly
     * @param weightDecay     AdamW's decoupled weight decay
     * @param temperature     divides cosine similarities in the loss
     * @param maxTokens       texts are cut at this many word pieces
     * @param seed            shuffling seed
     * @param checkpointEvery a checkpoint every this many steps (0: at epoch ends only)
     */
    public record Settings(
            Integer epochs,
            Integer batchSize,
            Float learningRate,
            Float warmupRatio,
            Float weightDecay,
            Float temperature,
            Integer maxTokens,
            Long seed,
            Integer checkpointEvery) {}
}
