package io.magpie.api.graph.admin;

import java.util.Map;

/**
 * The new properties of a node or relation: they replace all editable properties (key properties stay).
 *
 * @param properties strings, numbers, booleans or lists of one of those; null or empty removes them all
 */
public record PropertiesInput(Map<String, Object> properties) {}
