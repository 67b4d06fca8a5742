package io.magpie.retrieval.service;

import io.magpie.api.catalog.CategoryPath;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.CandidateFilter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks a caller's filter and puts it in the form the index stores: bad values are a 400 naming the field. */
public final class CandidateFilters {

    static final int MAX_BRANDS = 100;
    static final int MAX_VALUE_LENGTH = 500;

    private CandidateFilters() {}

    /**
     * The filter with blank values dropped, brands de-duplicated and the category path's levels trimmed and
     * re-joined with " > "; {@link CandidateFilter#NONE} for null.
     *
     * @param field the name the caller used for the filter, as a prefix of field names in errors
     */
    public static CandidateFilter normalise(CandidateFilter filter, String field) {
        if (filter == null) {
            return CandidateFilter.NONE;
        }
        String category = null;
        if (filter.category() != null && !filter.category().isBlank()) {
            checkLength(filter.category(), field + ".category");
            List<String> levels = CategoryPath.split(filter.category());
            if (levels.stream().anyMatch(String::isEmpty)) {
                throw ProblemException.invalidField(
                        field + ".category",
                        "has an empty level; join levels with '>', e.g. 'Electronics > Headphones'");
            }
            category = CategoryPath.join(levels);
        }
        List<String> brands = null;
        if (filter.brands() != null && !filter.brands().isEmpty()) {
            Set<String> distinct = new LinkedHashSet<>();
            for (String brand : filter.brands()) {
                if (brand == null || brand.isBlank()) {
                    throw ProblemException.invalidField(field + ".brands", "must not contain blank names");
                }
                checkLength(brand, field + ".brands");
                distinct.add(brand.strip());
            }
            if (distinct.size() > MAX_BRANDS) {
                throw ProblemException.invalidField(field + ".brands", "at most " + MAX_BRANDS + " brands");
            }
            brands = List.copyOf(distinct);
        }
        checkPrice(filter.minPrice(), field + ".minPrice");
        checkPrice(filter.maxPrice(), field + ".maxPrice");
        if (filter.minPrice() != null && filter.maxPrice() != null && filter.minPrice() > filter.maxPrice()) {
            throw ProblemException.invalidField(field + ".minPrice", "must not be above maxPrice");
        }
        return new CandidateFilter(
                category,
                brands,
                filter.minPrice(),
                filter.maxPrice(),
                Boolean.TRUE.equals(filter.inStock()) ? Boolean.TRUE : null);
    }

    private static void checkPrice(Double price, String field) {
        if (price != null && (!Double.isFinite(price) || price < 0)) {
            throw ProblemException.invalidField(field, "must be a finite number >= 0");
        }
    }

    private static void checkLength(String value, String field) {
        if (value.length() > MAX_VALUE_LENGTH) {
            throw ProblemException.invalidField(field, "must be at most " + MAX_VALUE_LENGTH + " characters");
        }
    }
}
