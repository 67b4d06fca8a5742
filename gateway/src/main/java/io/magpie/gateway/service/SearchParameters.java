package io.magpie.gateway.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A search request's parameters as the caller sent them, before validation: a cursor carries them, so the next page
 * is validated and authorised exactly like the first.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SearchParameters(
        String q,
        Integer size,
        String sort,
        String category,
        List<String> brand,
        List<String> price,
        String minPrice,
        String maxPrice,
        String minRating,
        String inStock,
        Boolean facets,
        String sources,
        String strategy,
        String model,
        Boolean explain) {

    public boolean explained() {
        return Boolean.TRUE.equals(explain);
    }
}
