package io.magpie.eval.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.magpie.api.catalog.Product;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScientificProductsTest {

    @Test
    void titleCategoryAndBrandAreSplitFromTheRightSoATitleMayHoldFullStops() {
        Product product = ScientificProducts.parse(
                "B01", "Sanding Roll. 80 Grit, 10yd. Industrial & Scientific Abrasive Products. PORTER-CABLE. ");
        assertEquals("Sanding Roll. 80 Grit, 10yd", product.title());
        assertEquals(List.of("Industrial & Scientific Abrasive Products"), product.category());
        assertEquals("PORTER-CABLE", product.brand());
    }

    @Test
    void aTextWithoutCategoryOrBrandKeepsItsTitle() {
        Product product = ScientificProducts.parse("B02", "Just a title.");
        assertEquals("Just a title", product.title());
        assertEquals(List.of(), product.category());
        assertNull(product.brand());
    }
}
