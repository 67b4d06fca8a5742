package io.magpie.api.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * The order of a search answer. Every order is applied after fusion to the same candidate set; ties keep the fused
 * order, so an order is total and pages never overlap.
 */
public enum SearchSort {
    /** The fused ranking (browse: most popular first, then best rated). */
    RELEVANCE("relevance"),
    /** Cheapest first; products without a price last. */
    PRICE_ASC("price_asc"),
    /** Dearest first; products without a price last. */
    PRICE_DESC("price_desc"),
    /** Best rated first (average, then number of ratings); unrated last. */
    RATING("rating"),
    /** Most recently changed in the catalogue first. */
    NEWEST("newest");

    private final String value;

    SearchSort(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static SearchSort fromValue(String value) {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(sort -> sort.value.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sort '" + value + "'; known: "
                        + Arrays.stream(values()).map(SearchSort::value).toList()));
    }
}
