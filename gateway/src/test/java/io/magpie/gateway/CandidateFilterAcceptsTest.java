package io.magpie.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.catalog.Product;
import io.magpie.api.retrieval.CandidateFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The filter the gateway applies to graph candidates follows the index's rules. */
class CandidateFilterAcceptsTest {

    private static final Product TOWELS = new Product(
            "p",
            "Paper towels",
            null,
            null,
            "Viva",
            null,
            List.of("Health & Household", "Household Supplies", "Paper Towels"),
            14.49,
            null,
            null,
            null);
    private static final Product NO_PRICE =
            new Product("q", "Towels", null, null, "Viva", null, List.of(), null, null, null, null);

    @Test
    void categoryMatchesWholeLevelsFromTheRoot() {
        assertTrue(filter("Health & Household>Household Supplies", null, null, null)
                .accepts(TOWELS));
        assertFalse(filter("Health & Household > House", null, null, null).accepts(TOWELS));
        assertFalse(filter("Household Supplies", null, null, null).accepts(TOWELS));
    }

    @Test
    void brandsAndPricesAreInclusiveAndExact() {
        assertTrue(filter(null, List.of("Bounty", "Viva"), 14.49, 14.49).accepts(TOWELS));
        assertFalse(filter(null, List.of("viva"), null, null).accepts(TOWELS));
        assertFalse(filter(null, null, 15.0, null).accepts(TOWELS));
        assertFalse(filter(null, null, null, 100.0).accepts(NO_PRICE));
        assertTrue(CandidateFilter.NONE.accepts(NO_PRICE));
    }

    @Test
    void inStockLeavesOutOnlyProductsMarkedUnavailable() {
        Product gone = new Product(
                "r",
                "Gone",
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                Boolean.FALSE,
                null,
                null,
                null);
        CandidateFilter inStock = new CandidateFilter(null, null, null, null, true);
        assertFalse(inStock.accepts(gone));
        assertTrue(inStock.accepts(TOWELS));
    }

    private static CandidateFilter filter(String category, List<String> brands, Double min, Double max) {
        return new CandidateFilter(category, brands, min, max, null);
    }
}
