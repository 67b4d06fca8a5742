package io.magpie.api.retrieval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.magpie.api.catalog.CategoryPath;
import io.magpie.api.catalog.Product;
import java.util.List;

/**
 * Restricts candidates to products that match every value given; a null (or empty) value does not restrict.
 *
 * @param category a category path prefix, levels joined with " > " (e.g. "Electronics > Headphones"): products in
 *                 that category or below it
 * @param brands   products of any of these brands (exact names)
 * @param minPrice lowest price, inclusive; products without a price are left out when a price bound is given
 * @param maxPrice highest price, inclusive
 * @param inStock  true: only products that can be bought now; false or null: no restriction
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CandidateFilter(String category, List<String> brands, Double minPrice, Double maxPrice, Boolean inStock) {

    public static final CandidateFilter NONE = new CandidateFilter(null, null, null, null, null);

    /** True when no value restricts anything. */
    @JsonIgnore
    public boolean isEmpty() {
        return (category == null || category.isBlank())
                && (brands == null || brands.isEmpty())
                && minPrice == null
                && maxPrice == null
                && !Boolean.TRUE.equals(inStock);
    }

    /**
     * Whether a catalogue product passes: the same rules the index applies, for candidates of sources that
     * cannot filter themselves (the graph). Category levels compare trimmed, so "A>B" and "A > B" are one path.
     */
    public boolean accepts(Product product) {
        if (category != null && !category.isBlank()) {
            List<String> wanted = CategoryPath.split(category);
            List<String> path = product.category() == null
                    ? List.of()
                    : product.category().stream().map(String::strip).toList();
            if (path.size() < wanted.size() || !path.subList(0, wanted.size()).equals(wanted)) {
                return false;
            }
        }
        if (brands != null
                && !brands.isEmpty()
                && (product.brand() == null || !brands.contains(product.brand().strip()))) {
            return false;
        }
        if ((minPrice != null || maxPrice != null) && product.price() == null) {
            return false;
        }
        if (minPrice != null && product.price() < minPrice || maxPrice != null && product.price() > maxPrice) {
            return false;
        }
        return !Boolean.TRUE.equals(inStock) || product.available();
    }
}
