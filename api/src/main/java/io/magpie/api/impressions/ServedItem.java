package io.magpie.api.impressions;

import io.magpie.api.fusion.SourceContribution;
import java.util.List;

/**
 * One item of a served list, as the shopper saw it.
 *
 * @param position  its place in the whole list, 0-based: page 2 continues where page 1 ended (the {@code position}
 *                  a behaviour event on it carries)
 * @param productId the product
 * @param sources   every source that proposed it: its name, the item's rank in that source's list (1-based) and
 *                  what it added to the fused score
 */
public record ServedItem(int position, String productId, List<SourceContribution> sources) {}
