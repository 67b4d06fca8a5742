package io.magpie.kg.model;

import java.util.List;

/** The kinds of node in the product graph and the properties that identify one (see docs/adr/0011). */
public enum NodeLabel {

    /** A catalogue product: {@code id} (key), {@code title}, {@code version} (catalogue version). */
    PRODUCT("Product", List.of("id")),

    /** A brand: {@code name} (key, as the catalogue spells it). */
    BRAND("Brand", List.of("name")),

    /** A category: {@code path} (key, "Root > Child > Leaf"), {@code name} (last element); parents via CHILD_OF. */
    CATEGORY("Category", List.of("path")),

    /** An attribute value: {@code name} ("color", lower case) and {@code value} ("Red") together are the key. */
    ATTRIBUTE("Attribute", List.of("name", "value"));

    private final String label;
    private final List<String> keyProperties;

    NodeLabel(String label, List<String> keyProperties) {
        this.label = label;
        this.keyProperties = keyProperties;
    }

    /** The label as written in Cypher. */
    public String label() {
        return label;
    }

    /** The properties whose values identify a node of this label (unique together). */
    public List<String> keyProperties() {
        return keyProperties;
    }

    public static NodeLabel ofLabel(String label) {
        for (NodeLabel value : values()) {
            if (value.label.equals(label)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown node label " + label);
    }
}
