package io.magpie.retrieval.store;

import io.magpie.api.catalog.Product;

/**
 * A product with its text embedding and the catalogue state the index keeps beside it, ready for the Milvus
 * index.
 *
 * @param product the catalogue product: text for BM25, and the brand, category path and price filters use
 * @param vector  its text embedding (the encoder's document vector)
 * @param inStock whether it can be bought now (the in-stock filter)
 * @param version the catalogue version this row was built from: a writer compares it with
 *                {@link ProductTextCollection#versions} so that a stale event never overwrites a newer row
 */
public record IndexedProduct(Product product, float[] vector, boolean inStock, long version) {

    /** Stock and version as the catalogue product carries them (no version: 0). */
    public IndexedProduct(Product product, float[] vector) {
        this(product, vector, product.available(), product.version() == null ? 0 : product.version());
    }
}
