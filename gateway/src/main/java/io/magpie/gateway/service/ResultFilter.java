package io.magpie.gateway.service;

import io.magpie.api.catalog.CategoryPath;
import io.magpie.api.catalog.Product;
import java.util.List;
import java.util.Set;

/**
 * The filters a shopper applies to a fused ranking. They apply to the whole candidate set after fusion, so counts,
 * totals and pages agree; each belongs to one facet, whose counts leave that facet's own filter out.
 *
 * @param category  a category path prefix as levels, empty for none
 * @param brands    any of these brands, empty for none
 * @param prices    any of these price buckets, empty for none
 * @param minPrice  lowest price, inclusive (the price facet too); null for none
 * @param maxPrice  highest price, inclusive (the price facet too); null for none
 * @param minRating lowest average rating, inclusive; null for none
 * @param inStock   true: only products that can be bought now
 */
public record ResultFilter(
        List<String> category,
        Set<String> brands,
        List<PriceRange> prices,
        Double minPrice,
        Double maxPrice,
        Double minRating,
        boolean inStock) {

    public static final ResultFilter NONE = new ResultFilter(List.of(), Set.of(), List.of(), null, null, null, false);

    /** The facets a filter belongs to. */
    public enum Facet {
        CATEGORY,
        BRAND,
        PRICE,
        RATING,
        STOCK
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    public String categoryPath() {
        return category.isEmpty() ? null : CategoryPath.join(category);
    }

    /** Whether a product passes every filter; without catalogue data only an empty filter lets it through. */
    public boolean accepts(Product product) {
        for (Facet facet : Facet.values()) {
            if (!accepts(facet, product)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a product passes the filter of one facet. */
    public boolean accepts(Facet facet, Product product) {
        if (product == null) {
            return switch (facet) {
                case CATEGORY -> category.isEmpty();
                case BRAND -> brands.isEmpty();
                case PRICE -> prices.isEmpty() && minPrice == null && maxPrice == null;
                case RATING -> minRating == null;
                case STOCK -> !inStock;
            };
        }
        return switch (facet) {
            case CATEGORY -> category.isEmpty() || isUnder(product.category(), category);
            case BRAND ->
                brands.isEmpty()
                        || product.brand() != null
                                && brands.contains(product.brand().strip());
            case PRICE -> acceptsPrice(product.price());
            case RATING -> minRating == null || product.rating() != null && product.rating() >= minRating;
            case STOCK -> !inStock || product.available();
        };
    }

    private boolean acceptsPrice(Double price) {
        if (prices.isEmpty() && minPrice == null && maxPrice == null) {
            return true;
        }
        if (price == null || minPrice != null && price < minPrice || maxPrice != null && price > maxPrice) {
            return false;
        }
        return prices.isEmpty() || prices.stream().anyMatch(range -> range.contains(price));
    }

    /** Whether a product's category path starts with the given levels (compared trimmed). */
    static boolean isUnder(List<String> path, List<String> prefix) {
        if (path == null || path.size() < prefix.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!path.get(i).strip().equals(prefix.get(i))) {
                return false;
            }
        }
        return true;
    }
}
