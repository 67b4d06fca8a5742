package io.magpie.kg.edit;

import io.magpie.kg.model.NodeLabel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node named by its label and key, written {@code Label:key}: {@code Product:B0123}, {@code Brand:Bounty},
 * {@code Category:Home > Kitchen}, and for the two-part key of an attribute {@code Attribute:color=Red} (the name
 * holds no '=').
 *
 * @param label     the node's label
 * @param keyValues the values of {@link NodeLabel#keyProperties()}, in that order
 */
public record NodeRef(NodeLabel label, List<String> keyValues) implements EntityRef {

    static final int MAX_KEY_LENGTH = 1024;

    /**
     * Reads {@code Label:key}.
     *
     * @throws IllegalArgumentException saying what is wrong, in words fit for a problem detail
     */
    public static NodeRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is missing; write Label:key, e.g. Product:B0123");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + text + "' is not Label:key, e.g. Product:B0123");
        }
        NodeLabel label = labelOf(text.substring(0, colon));
        String key = text.substring(colon + 1);
        List<String> values;
        if (label.keyProperties().size() == 1) {
            values = List.of(key);
        } else {
            int equals = key.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("an attribute is written Attribute:name=value, not '" + text + "'");
            }
            values = List.of(key.substring(0, equals), key.substring(equals + 1));
        }
        for (String value : values) {
            if (value.isBlank() || !value.equals(value.strip())) {
                throw new IllegalArgumentException("'" + text + "' has a blank key or one with surrounding spaces");
            }
            if (value.length() > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException("the key of '" + text.substring(0, 40) + "...' is longer than "
                        + MAX_KEY_LENGTH + " characters");
            }
        }
        return new NodeRef(label, values);
    }

    private static NodeLabel labelOf(String text) {
        for (NodeLabel label : NodeLabel.values()) {
            if (label.label().equals(text)) {
                return label;
            }
        }
        throw new IllegalArgumentException("unknown label '" + text + "'; known: "
                + java.util.Arrays.stream(NodeLabel.values())
                        .map(NodeLabel::label)
                        .toList());
    }

    /** The key as properties, for example {@code {id: "B0123"}}. */
    public Map<String, Object> key() {
        Map<String, Object> key = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.size(); i++) {
            key.put(label.keyProperties().get(i), keyValues.get(i));
        }
        return key;
    }

    /**
     * A Cypher node pattern for this label whose key comes from parameter {@code parameter}, for example
     * {@code (n:Product {id: $ref.id})}. Label and property names come from {@link NodeLabel}, never from input.
     */
    public String pattern(String variable, String parameter) {
        StringBuilder pattern = new StringBuilder("(")
                .append(variable)
                .append(':')
                .append(label.label())
                .append(" {");
        List<String> keys = label.keyProperties();
        for (int i = 0; i < keys.size(); i++) {
            pattern.append(i == 0 ? "" : ", ")
                    .append(keys.get(i))
                    .append(": $")
                    .append(parameter)
                    .append('.')
                    .append(keys.get(i));
        }
        return pattern.append("})").toString();
    }

    @Override
    public String toString() {
        return label.label() + ":" + String.join("=", keyValues);
    }
}
