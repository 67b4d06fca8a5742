package io.magpie.kg.edit;

import java.util.Map;

/**
 * One line of a bulk import after reading: what it names and sets, or why it cannot be read.
 *
 * @param line       CSV: line in the file; JSON: position, nodes first, from 1
 * @param ref        the node or relation, null when the line is invalid
 * @param entity     how the report names the line's entity, as far as it could be read
 * @param properties checked properties (merged into what the entity holds)
 * @param error      why the line is invalid, or null
 */
record ImportLine(long line, EntityRef ref, String entity, Map<String, Object> properties, String error) {

    static ImportLine invalid(long line, String entity, String error) {
        return new ImportLine(line, null, entity, Map.of(), error);
    }
}
