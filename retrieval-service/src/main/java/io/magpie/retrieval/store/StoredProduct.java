package io.magpie.retrieval.store;

import io.magpie.api.catalog.Product;

/** A product as committed to the catalogue, with the row version that the indexes must catch up with. */
public record StoredProduct(Product product, long version) {
}
