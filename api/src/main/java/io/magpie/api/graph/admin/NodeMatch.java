package io.magpie.api.graph.admin;

/**
 * A node found by name, for an admin looking for what to edit.
 *
 * @param ref   its reference, {@code Label:key}
 * @param label its label
 * @param name  what a person reads: a product's title, a brand's name, a category's path, {@code name=value}
 */
public record NodeMatch(String ref, String label, String name) {}
