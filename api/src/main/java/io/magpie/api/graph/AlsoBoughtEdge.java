package io.magpie.api.graph;

/**
 * A mined "also bought" link between two products, written by behaviour-mining jobs.
 *
 * @param productId one product
 * @param otherId   the product bought with it (the link has no direction)
 * @param weight    strength, greater than 0 (for example a normalised co-purchase count); replaces an earlier weight
 */
public record AlsoBoughtEdge(String productId, String otherId, double weight) {}
