package io.magpie.retrieval.store;

import io.magpie.api.catalog.Product;

/** A product with its text embedding, ready for the Milvus index. */
public record IndexedProduct(Product product, float[] vector) {
}
