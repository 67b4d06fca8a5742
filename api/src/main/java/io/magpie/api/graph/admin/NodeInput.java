package io.magpie.api.graph.admin;

import java.util.Map;

/**
 * A node to create (or, in a bulk import, to create or update).
 *
 * @param ref        {@code Label:key}, for example {@code Brand:Bounty} or {@code Attribute:color=Red}
 * @param properties properties besides the key: strings, numbers, booleans or lists of one of those; may be null
 */
public record NodeInput(String ref, Map<String, Object> properties) {}
