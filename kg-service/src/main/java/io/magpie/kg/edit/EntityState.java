package io.magpie.kg.edit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a node or relation holds at one moment: its properties (key ones included, the edit version left out) and
 * its edit version. Before and after states of edits are kept in the audit log in this shape.
 *
 * @param properties normalised by {@link PropertyValues#normalise}, so that states read back compare equal
 * @param version    the edit version; 0 for one that no edit has touched
 */
public record EntityState(Map<String, Object> properties, long version) {

    /** The property that holds the edit version in Neo4j. */
    public static final String VERSION_PROPERTY = "editVersion";

    public EntityState {
        properties = PropertyValues.normaliseAll(properties);
    }

    /** The state of the properties read from Neo4j, edit version included. */
    public static EntityState ofStored(Map<String, Object> stored) {
        Map<String, Object> properties = new TreeMap<>(stored);
        Object version = properties.remove(VERSION_PROPERTY);
        return new EntityState(properties, version instanceof Number n ? n.longValue() : 0);
    }

    /** The properties to store in Neo4j: these with the edit version. */
    public Map<String, Object> toStored() {
        Map<String, Object> stored = new TreeMap<>(properties);
        stored.put(VERSION_PROPERTY, version);
        return stored;
    }

    /** The JSON shape of the audit log. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("properties", properties);
        json.put("version", version);
        return json;
    }

    @SuppressWarnings("unchecked")
    public static EntityState fromJson(Map<String, Object> json) {
        if (json == null) {
            return null;
        }
        Object version = json.get("version");
        return new EntityState(
                (Map<String, Object>) json.getOrDefault("properties", Map.of()),
                version instanceof Number n ? n.longValue() : 0);
    }

    /** Same properties, any version. */
    public boolean sameProperties(EntityState other) {
        return other != null && properties.equals(other.properties);
    }
}
