package io.magpie.api.graph.admin;

import java.util.Map;

/**
 * A relation to create (or, in a bulk import, to create or update): {@code (from)-[type]->(to)}.
 *
 * @param type       relation type, for example {@code ACCESSORY_OF}; {@code ALSO_BOUGHT} needs a {@code weight} > 0
 * @param from       reference of the start node, which must exist (or be created by the same import)
 * @param to         reference of the end node, likewise
 * @param properties strings, numbers, booleans or lists of one of those; may be null
 */
public record RelationInput(String type, String from, String to, Map<String, Object> properties) {}
