package io.magpie.gateway.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.graph.admin.NodeView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads what people type into console forms (properties as a JSON object, numbers) and writes properties back as
 * JSON for editing; a value that cannot be read becomes a message for its field, as the API's would.
 */
@ApplicationScoped
public class FormValues {

    /** Properties a person cannot edit: keys (by label) and the catalogue's version. */
    private static final Map<String, Set<String>> RESERVED = Map.of(
            "Product", Set.of("id", "version"),
            "Brand", Set.of("name", "version"),
            "Category", Set.of("path", "version"),
            "Attribute", Set.of("name", "value", "version"));

    private final ObjectMapper json;

    public FormValues(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public Map<String, Object> properties(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "is not a JSON object such as {\"title\": \"Phone X\"}: " + e.getOriginalMessage());
        }
    }

    /** @throws IllegalArgumentException when the text is not a positive number */
    public Double weight(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double weight = Double.parseDouble(text.strip());
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("must be a number above 0");
            }
            return weight;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
    }

    /** An edit of properties as a form sends it: the version it is based on and the new properties. */
    public record PropertiesEdit(long version, Map<String, Object> properties) {}

    /** @throws IllegalArgumentException saying what is wrong with the version or the properties */
    public PropertiesEdit propertiesEdit(String version, String properties) {
        return new PropertiesEdit(version(version), properties(properties));
    }

    /** @throws IllegalArgumentException when the text is not a whole number */
    public long version(String text) {
        try {
            return Long.parseLong(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the form lost the edit version; reload the page");
        }
    }

    /** A node's editable properties as JSON to edit. */
    public String editableJson(NodeView node) {
        Map<String, Object> editable = new TreeMap<>(node.properties());
        editable.keySet().removeAll(RESERVED.getOrDefault(node.label(), Set.of()));
        return pretty(editable);
    }

    public String pretty(Map<String, Object> properties) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(new TreeMap<>(properties));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
