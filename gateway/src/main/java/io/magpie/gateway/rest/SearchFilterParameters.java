package io.magpie.gateway.rest;

import io.magpie.api.catalog.CategoryPath;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.CandidateFilter;
import java.util.List;

/**
 * The search filter from query parameters. Numbers and booleans are parsed here, not by JAX-RS, so that a bad
 * value is a 400 naming the parameter; retrieval-service checks the rest (ranges, blank names) the same way.
 */
final class SearchFilterParameters {

    private SearchFilterParameters() {}

    static CandidateFilter parse(
            String category, List<String> brands, String minPrice, String maxPrice, String inStock) {
        Double min = price(minPrice, "minPrice");
        Double max = price(maxPrice, "maxPrice");
        if (min != null && max != null && min > max) {
            throw ProblemException.invalidField("minPrice", "must not be above maxPrice");
        }
        List<String> named = brands == null
                ? List.of()
                : brands.stream().map(String::strip).filter(b -> !b.isEmpty()).toList();
        if (category != null
                && !category.isBlank()
                && CategoryPath.split(category).stream().anyMatch(String::isEmpty)) {
            throw ProblemException.invalidField(
                    "category", "has an empty level; join levels with '>', e.g. 'Electronics > Headphones'");
        }
        return new CandidateFilter(
                category == null || category.isBlank() ? null : category.strip(),
                named.isEmpty() ? null : named,
                min,
                max,
                inStock(inStock));
    }

    private static Double price(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double price = Double.parseDouble(value.strip());
            if (Double.isFinite(price) && price >= 0) {
                return price;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField(parameter, "must be a number >= 0, got '" + value + "'");
    }

    private static Boolean inStock(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalidField("inStock", "must be true or false, got '" + value + "'");
        };
    }
}
