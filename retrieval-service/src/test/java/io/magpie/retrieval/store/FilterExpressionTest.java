package io.magpie.retrieval.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.retrieval.CandidateFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterExpressionTest {

    @Test
    void restrictsNothingWithoutValues() {
        assertTrue(FilterExpression.of(CandidateFilter.NONE).isEmpty());
        assertTrue(FilterExpression.of(new CandidateFilter(null, List.of(), null, null, false))
                .isEmpty());
    }

    @Test
    void joinsEveryClauseWithAnd() {
        assertEquals(
                "array_contains(category_paths, \"Electronics > Headphones\") and brand in [\"Apple\", \"Sony\"]"
                        + " and price >= 10.5 and price <= 100.0 and in_stock == true",
                FilterExpression.of(new CandidateFilter(
                                "Electronics > Headphones", List.of("Apple", "Sony"), 10.5, 100.0, true))
                        .orElseThrow());
    }

    @Test
    void writesPricesWithoutExponents() {
        assertEquals(
                "price <= 12345678900",
                FilterExpression.of(new CandidateFilter(null, null, null, 1.23456789E10, null))
                        .orElseThrow());
    }

    @Test
    void quotesAndBackslashesCannotEndTheLiteral() {
        assertEquals("\"\\\" or 1==1 or \\\"\"", FilterExpression.literal("\" or 1==1 or \""));
        assertEquals("\"a\\\\\"", FilterExpression.literal("a\\"));
        assertEquals("\"line\\nbreak\"", FilterExpression.literal("line\nbreak"));
    }
}
