package io.magpie.api.graph.admin;

import java.util.Map;

/**
 * A node as the admin API shows it.
 *
 * @param ref        its reference, {@code Label:key}
 * @param label      its label
 * @param properties every property except the edit version (key properties included)
 * @param version    the edit version; 0 for a node that no edit has touched yet
 */
public record NodeView(String ref, String label, Map<String, Object> properties, long version) {}
