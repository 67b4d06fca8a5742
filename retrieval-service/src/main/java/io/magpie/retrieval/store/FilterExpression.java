package io.magpie.retrieval.store;

import io.magpie.api.retrieval.CandidateFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Milvus boolean expression built from a filter's typed values. Strings become double-quoted literals with every
 * quote and backslash escaped, so a value can never end its literal and add a clause; numbers are written from
 * doubles. Filter templates (placeholders bound by the server) would avoid escaping altogether, but milvus-lite
 * does not support them (docs/adr/0009).
 */
public final class FilterExpression {

    private FilterExpression() {}

    /** The expression, or empty when the filter restricts nothing. Expects a normalised filter. */
    public static Optional<String> of(CandidateFilter filter) {
        if (filter == null || filter.isEmpty()) {
            return Optional.empty();
        }
        List<String> clauses = new ArrayList<>();
        if (filter.category() != null) {
            // every prefix of a product's path is stored: an exact element match, no LIKE pattern to escape
            clauses.add(
                    "array_contains(" + ProductTextCollection.CATEGORY_PATHS + ", " + literal(filter.category()) + ")");
        }
        if (filter.brands() != null && !filter.brands().isEmpty()) {
            clauses.add(ProductTextCollection.BRAND + " in ["
                    + filter.brands().stream().map(FilterExpression::literal).collect(Collectors.joining(", ")) + "]");
        }
        if (filter.minPrice() != null) {
            clauses.add(ProductTextCollection.PRICE + " >= " + number(filter.minPrice()));
        }
        if (filter.maxPrice() != null) {
            clauses.add(ProductTextCollection.PRICE + " <= " + number(filter.maxPrice()));
        }
        if (Boolean.TRUE.equals(filter.inStock())) {
            clauses.add(ProductTextCollection.IN_STOCK + " == true");
        }
        return Optional.of(String.join(" and ", clauses));
    }

    /**
     * Exactly these ids: {@code id in ["a", "b"]} with every id an escaped literal. Used instead of the SDK's
     * {@code ids(...)} on every request, because the SDK joins ids into the same expression unescaped, so an id
     * like {@code x"] or id != "" or id in ["} would select (and delete) every row.
     */
    public static String idIn(Collection<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(
                    "no ids: an empty list would match nothing on one server and " + "fail on another");
        }
        return ProductTextCollection.ID + " in ["
                + ids.stream().map(FilterExpression::literal).collect(Collectors.joining(", ")) + "]";
    }

    /** The filter's expression with these ids left out (the query product, a shopper's history). */
    public static Optional<String> excluding(CandidateFilter filter, Collection<String> ids) {
        Optional<String> restriction = of(filter);
        if (ids.isEmpty()) {
            return restriction;
        }
        String exclusion = ProductTextCollection.ID + " not in ["
                + ids.stream().map(FilterExpression::literal).collect(Collectors.joining(", ")) + "]";
        return Optional.of(restriction.map(r -> exclusion + " and " + r).orElse(exclusion));
    }

    /** A string literal: quotes, backslashes and line breaks escaped (the escapes Milvus's grammar knows). */
    static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String number(double value) {
        // plain digits: no exponent notation for the parser to misread
        return BigDecimal.valueOf(value).toPlainString();
    }
}
