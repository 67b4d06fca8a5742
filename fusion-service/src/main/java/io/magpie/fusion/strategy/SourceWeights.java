package io.magpie.fusion.strategy;

import java.util.Map;

/**
 * The weight of each source in {@link WeightedFusion}.
 *
 * @param weights   by source name
 * @param otherwise the weight of a source that {@code weights} does not name
 */
public record SourceWeights(Map<String, Double> weights, double otherwise) {

    public SourceWeights {
        weights = Map.copyOf(weights);
        weights.forEach(SourceWeights::check);
        check("(unlisted sources)", otherwise);
    }

    public double of(String source) {
        return weights.getOrDefault(source, otherwise);
    }

    private static void check(String source, Double weight) {
        if (weight == null || !Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException(
                    "the weight of source '%s' must be a finite number >= 0, not %s".formatted(source, weight));
        }
    }
}
