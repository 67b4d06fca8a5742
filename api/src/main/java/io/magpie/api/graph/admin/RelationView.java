package io.magpie.api.graph.admin;

import java.util.Map;

/**
 * A relation as the admin API shows it: {@code (from)-[type]->(to)}.
 *
 * @param type       relation type, for example {@code ACCESSORY_OF}
 * @param from       reference of the start node
 * @param to         reference of the end node
 * @param properties every property except the edit version
 * @param version    the edit version; 0 for a relation that no edit has touched yet
 */
public record RelationView(String type, String from, String to, Map<String, Object> properties, long version) {}
