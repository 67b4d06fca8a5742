package io.magpie.api.graph.admin;

import java.util.List;

/**
 * Complements or substitutes of a product, best first, each with the graph paths that make it one.
 *
 * @param productId the product asked about
 * @param kind      {@code complements} or {@code substitutes}
 * @param items     best first
 */
public record RelatedProducts(String productId, String kind, List<Item> items) {

    /**
     * @param id     product id
     * @param title  product title, may be null
     * @param score  sum of the weights of its links (configuration {@code magpie.kg.related.*})
     * @param paths  each link as a path, e.g. {@code (Phone case)-[:ACCESSORY_OF]->(Phone X)}
     * @param reason the paths in words, for a person
     */
    public record Item(String id, String title, double score, List<String> paths, String reason) {}
}
