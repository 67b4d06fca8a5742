package io.magpie.api.graph.admin;

import java.util.List;

/**
 * Complements of chosen products without and with a pending relation, computed in one graph transaction that was
 * rolled back: shoppers never saw the relation.
 *
 * @param relation the pending relation, as {@code (from)-[TYPE]->(to)}
 * @param products one comparison per product asked about, in the order asked
 */
public record ComplementsPreview(String relation, List<ProductComparison> products) {

    /**
     * @param productId the product
     * @param before    its complements now
     * @param after     its complements with the relation
     * @param moves     every product whose rank or paths differ, best after-rank first
     */
    public record ProductComparison(
            String productId, RelatedProducts before, RelatedProducts after, List<Move> moves) {}

    /**
     * How one complement moved.
     *
     * @param id         product id
     * @param title      product title, may be null
     * @param rankBefore 1-based rank before, null when it was not a complement
     * @param rankAfter  1-based rank after, null when it is no longer one
     * @param addedPaths paths it has only with the relation: why it moved
     */
    public record Move(String id, String title, Integer rankBefore, Integer rankAfter, List<String> addedPaths) {}
}
