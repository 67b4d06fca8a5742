package io.magpie.api.recs;

/**
 * How much of a shopper's recent activity went to one category.
 *
 * @param name  the category path
 * @param share the share of the shopper's weighted events in it, 0 to 1
 */
public record Affinity(String name, double share) {}
