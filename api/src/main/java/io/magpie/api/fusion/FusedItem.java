package io.magpie.api.fusion;

import java.util.List;

/**
 * One item of the merged ranking.
 *
 * @param id      product id
 * @param score   fused score, higher is better
 * @param sources each source that proposed the item, largest contribution first
 */
public record FusedItem(String id, double score, List<SourceContribution> sources) {
}
