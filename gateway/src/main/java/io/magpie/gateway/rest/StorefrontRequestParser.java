package io.magpie.gateway.rest;

import io.magpie.api.catalog.CategoryPath;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.CandidateFilter;
import io.magpie.api.search.QueryText;
import io.magpie.api.search.SearchSort;
import io.magpie.gateway.service.PriceRange;
import io.magpie.gateway.service.RankingKey;
import io.magpie.gateway.service.ResultFilter;
import io.magpie.gateway.service.SearchParameters;
import io.magpie.gateway.service.StorefrontRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a search's parameters, from the query string or from a cursor, into a validated request; a bad value is a
 * 400 naming the parameter.
 */
final class StorefrontRequestParser {

    static final int MAX_SIZE = 100;
    static final int MAX_PAGE = 1000;

    private StorefrontRequestParser() {}

    static StorefrontRequest parse(
            SearchParameters parameters, int page, int offset, Long fingerprint, int defaultSize) {
        String q = parameters.q() == null || parameters.q().isBlank()
                ? null
                : parameters.q().strip();
        if (q != null && q.length() > QueryText.MAX_LENGTH) {
            throw ProblemException.invalidField("q", "is longer than " + QueryText.MAX_LENGTH + " characters");
        }
        CandidateFilter basic = SearchFilterParameters.parse(
                parameters.category(),
                parameters.brand(),
                parameters.minPrice(),
                parameters.maxPrice(),
                parameters.inStock());
        if (q == null && basic.category() == null) {
            throw ProblemException.invalidField("q", "give a query, or a category to list without one");
        }
        int size = parameters.size() == null ? defaultSize : parameters.size();
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.invalidField("size", "must be 1 to " + MAX_SIZE + ", got " + size);
        }
        if (page < 1 || page > MAX_PAGE) {
            throw ProblemException.invalidField("page", "must be 1 to " + MAX_PAGE + ", got " + page);
        }
        ResultFilter filter = new ResultFilter(
                basic.category() == null ? List.of() : CategoryPath.split(basic.category()),
                basic.brands() == null ? Set.of() : Set.copyOf(basic.brands()),
                priceRanges(parameters.price()),
                basic.minPrice(),
                basic.maxPrice(),
                minRating(parameters.minRating()),
                Boolean.TRUE.equals(basic.inStock()));
        RankingKey key = q == null
                ? RankingKey.browse(CategoryPath.join(filter.category()))
                : RankingKey.search(
                        q,
                        List.copyOf(SearchResource.parseSources(parameters.sources())),
                        SearchResource.parseStrategy(parameters.strategy()),
                        parameters.model() == null || parameters.model().isBlank()
                                ? null
                                : parameters.model().strip(),
                        parameters.explained());
        return new StorefrontRequest(
                key,
                filter,
                sort(parameters.sort()),
                size,
                fingerprint == null ? (page - 1) * size : offset,
                !Boolean.FALSE.equals(parameters.facets()),
                parameters,
                fingerprint);
    }

    private static List<PriceRange> priceRanges(List<String> values) {
        if (values == null) {
            return List.of();
        }
        Set<PriceRange> ranges = new LinkedHashSet<>();
        values.stream().filter(v -> v != null && !v.isBlank()).forEach(v -> ranges.add(PriceRange.parse(v, "price")));
        return List.copyOf(ranges);
    }

    private static Double minRating(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double rating = Double.parseDouble(value.strip());
            if (rating >= 0 && rating <= 5) {
                return rating;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField("minRating", "must be a number from 0 to 5, got '" + value + "'");
    }

    private static SearchSort sort(String value) {
        try {
            return value == null || value.isBlank() ? SearchSort.RELEVANCE : SearchSort.fromValue(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("sort", e.getMessage());
        }
    }
}
