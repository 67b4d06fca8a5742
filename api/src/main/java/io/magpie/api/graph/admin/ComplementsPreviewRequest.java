package io.magpie.api.graph.admin;

import java.util.List;

/**
 * A pending relation and the products whose complements it might change.
 *
 * @param relation   the relation that would be created (validated like a creation, never committed)
 * @param productIds the products to compare, e.g. the relation's ends
 * @param k          complements per product, before and after
 */
public record ComplementsPreviewRequest(RelationInput relation, List<String> productIds, Integer k) {}
