package io.magpie.gateway.model;

import io.magpie.api.catalog.Product;
import io.magpie.api.fusion.ItemExplanation;
import io.magpie.api.fusion.SourceContribution;
import java.util.List;

/**
 * One item of a fused ranking with the catalogue data that filters, sorts, facets and shows it.
 *
 * @param id          product id
 * @param position    its place in the fused ranking, 0-based: the tie-breaker of every other order
 * @param score       fused score
 * @param sources     the sources that proposed it
 * @param explanation the learned model's explanation, when asked for
 * @param product     its catalogue data as of the ranking (without texts a hit does not show); null when the
 *                    catalogue did not answer
 */
public record RankedItem(
        String id,
        int position,
        double score,
        List<SourceContribution> sources,
        ItemExplanation explanation,
        Product product) {

    /** The catalogue fields a hit, a filter, a facet or a sort reads: descriptions stay out of the ranking cache. */
    public static Product shown(Product product) {
        if (product == null) {
            return null;
        }
        return new Product(
                product.id(),
                product.title(),
                null,
                null,
                product.brand(),
                null,
                product.category(),
                null,
                product.price(),
                product.currency(),
                product.rating(),
                product.ratingCount(),
                product.inStock(),
                product.imageUrl(),
                product.updatedAt(),
                product.version());
    }
}
