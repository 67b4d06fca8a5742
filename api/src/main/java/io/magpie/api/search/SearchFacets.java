package io.magpie.api.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Counts over the whole fused candidate set of a search, after filters. Each facet counts with every filter except
 * its own (multi-select: the brand counts ignore the brand filter, so a shopper sees the other brands too), so a
 * value's count is exactly how many items the search answers, over all pages, when that value alone is selected.
 *
 * @param categories the category tree: roots with their children, most frequent first
 * @param brands     products per brand, most frequent first
 * @param prices     price buckets, cheapest first (parameter {@code price}, repeatable)
 * @param ratings    products rated at least 4, 3, 2, 1 (parameter {@code minRating})
 * @param inStock    products in stock and not (parameter {@code inStock=true})
 */
public record SearchFacets(
        List<CategoryNode> categories,
        List<Value> brands,
        List<PriceBucket> prices,
        List<RatingBucket> ratings,
        StockCounts inStock) {

    /**
     * A category and the products under it.
     *
     * @param name     its own level's name
     * @param path     the path to select it with ({@code category=}), levels joined with " > "
     * @param count    products in it or below it
     * @param selected whether the request's category filter is this path
     * @param children its sub-categories, most frequent first
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record CategoryNode(String name, String path, int count, boolean selected, List<CategoryNode> children) {}

    /**
     * A facet value.
     *
     * @param value    the value to select ({@code brand=})
     * @param count    products with it
     * @param selected whether the request selected it
     */
    public record Value(String value, int count, boolean selected) {}

    /**
     * Products priced from {@code min} (inclusive) below {@code max} (exclusive).
     *
     * @param value    the value to select ({@code price=}), e.g. "10-25" or "500-" for the open top bucket
     * @param min      lower bound, inclusive
     * @param max      upper bound, exclusive; null for the open top bucket
     * @param count    products in it
     * @param selected whether the request selected it
     */
    public record PriceBucket(String value, double min, Double max, int count, boolean selected) {}

    /**
     * Products rated at least {@code minRating}.
     *
     * @param minRating the value to select ({@code minRating=})
     * @param count     products rated that or better
     * @param selected  whether the request selected it
     */
    public record RatingBucket(int minRating, int count, boolean selected) {}

    /**
     * @param inStock    products that can be bought now (selected by {@code inStock=true})
     * @param outOfStock the others
     */
    public record StockCounts(int inStock, int outOfStock) {}
}
