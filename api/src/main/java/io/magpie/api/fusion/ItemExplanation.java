package io.magpie.api.fusion;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Why a learned model scored an item as it did.
 *
 * @param features      the item's feature values by feature name, in schema order
 * @param contributions trees: what each feature added to the score (per-feature contributions, which sum with
 *                      {@code bias} to the score), by feature name, largest absolute value first; null for the
 *                      attention model (its score is not a sum over features)
 * @param bias          trees: the part of the score no feature explains; null for the attention model
 * @param sourceWeights attention model: how much it trusted each source that proposed the item (the attention
 *                      weights, summing to 1 over those sources), by source name, largest first; null for trees
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemExplanation(
        Map<String, Double> features,
        Map<String, Double> contributions,
        Double bias,
        Map<String, Double> sourceWeights) {

    /** A trees explanation: features, their contributions and the bias. */
    public ItemExplanation(Map<String, Double> features, Map<String, Double> contributions, double bias) {
        this(features, contributions, Double.valueOf(bias), null);
    }

    /** An attention explanation: features and the sources' attention weights. */
    public static ItemExplanation ofAttention(Map<String, Double> features, Map<String, Double> sourceWeights) {
        return new ItemExplanation(features, null, null, sourceWeights);
    }
}
