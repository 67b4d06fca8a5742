package io.magpie.api.retrieval;

import java.util.List;
import java.util.Map;

/**
 * How a candidate set divides by category, brand and price.
 *
 * @param categories products under each category path prefix (levels joined with " > "), so a storefront can
 *                   drill down; most frequent first
 * @param brands     products per brand, most frequent first
 * @param prices     products per price bucket, cheapest first; products without a price count in none
 * @param counted    ids of the set found in the index
 */
public record Facets(Map<String, Long> categories, Map<String, Long> brands, List<PriceBucket> prices, int counted) {

    /**
     * Products priced from {@code min} (inclusive) up to {@code max} (exclusive).
     *
     * @param min lower bound, inclusive
     * @param max upper bound, exclusive; null for the open-ended top bucket
     */
    public record PriceBucket(double min, Double max, long count) {}
}
