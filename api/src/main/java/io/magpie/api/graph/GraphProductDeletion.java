package io.magpie.api.graph;

/**
 * A product removed from the catalogue.
 *
 * @param id      product id
 * @param version the catalogue version of the removal; the graph deletes the product only when it holds no newer
 *                version, and ignores later-arriving upserts of a version up to this one
 */
public record GraphProductDeletion(String id, long version) {}
