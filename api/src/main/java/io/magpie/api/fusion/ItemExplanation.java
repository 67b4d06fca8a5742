package io.magpie.api.fusion;

import java.util.Map;

/**
 * Why a learned model scored an item as it did.
 *
 * @param features      the item's feature values by feature name, in schema order
 * @param contributions what each feature added to the score (for trees: per-feature contributions, which sum with
 *                      {@code bias} to the score), by feature name, largest absolute value first
 * @param bias          the part of the score no feature explains
 */
public record ItemExplanation(Map<String, Double> features, Map<String, Double> contributions, double bias) {
}
