package io.magpie.kg.edit;

import io.magpie.api.catalog.CategoryPath;
import io.magpie.api.problem.FieldErrors;
import io.magpie.kg.model.NodeLabel;
import io.magpie.kg.model.RelationType;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What edits may set on nodes and relations, beyond the shape checks of {@link PropertyValues}. */
final class EditValidation {

    /** The catalogue's version of a product (written by sync, docs/adr/0011); edits leave it alone. */
    static final String CATALOGUE_VERSION = "version";

    private EditValidation() {}

    /** Checked properties of a node; key properties and versions may not be set. Null ref: only shape checks. */
    static Map<String, Object> nodeProperties(
            NodeRef ref, Map<String, Object> input, String field, FieldErrors problems) {
        Set<String> reserved = new HashSet<>(Set.of(EntityState.VERSION_PROPERTY, CATALOGUE_VERSION));
        if (ref != null) {
            reserved.addAll(ref.label().keyProperties());
        }
        Map<String, Object> properties = PropertyValues.validate(input, reserved, field, problems);
        if (ref != null
                && ref.label() == NodeLabel.PRODUCT
                && properties.containsKey("title")
                && !(properties.get("title") instanceof String)) {
            problems.add(field + ".title", "a product title is a string");
        }
        return properties;
    }

    /** Checked properties of a relation; {@code ALSO_BOUGHT} needs a positive {@code weight}. */
    static Map<String, Object> relationProperties(
            RelationRef ref, Map<String, Object> input, String field, FieldErrors problems) {
        Map<String, Object> properties =
                PropertyValues.validate(input, Set.of(EntityState.VERSION_PROPERTY), field, problems);
        Object weight = properties.get("weight");
        if (weight != null && !(weight instanceof Number n && n.doubleValue() > 0)) {
            problems.add(field + ".weight", "a weight is a number > 0");
        } else if (weight == null
                && ref != null
                && ref.type() == RelationType.ALSO_BOUGHT
                && (input == null || !input.containsKey("weight"))) {
            problems.add(field + ".weight", "ALSO_BOUGHT needs a weight (a number > 0)");
        }
        return properties;
    }

    /** The node's properties with its key added; a new category is named after its path's last element. */
    static Map<String, Object> withKey(NodeRef ref, Map<String, Object> properties) {
        Map<String, Object> all = new TreeMap<>(properties);
        all.putAll(ref.key());
        if (ref.label() == NodeLabel.CATEGORY && !all.containsKey("name")) {
            String path = ref.keyValues().get(0);
            int last = path.lastIndexOf(CategoryPath.SEPARATOR);
            all.put("name", last < 0 ? path : path.substring(last + CategoryPath.SEPARATOR.length()));
        }
        return all;
    }

    /** The properties of the current state that an edit keeps: a node's key and catalogue version. */
    static Map<String, Object> reservedOf(EntityRef ref, EntityState current) {
        Map<String, Object> kept = new TreeMap<>();
        if (ref instanceof NodeRef node) {
            for (String name : node.label().keyProperties()) {
                kept.put(name, current.properties().get(name));
            }
            if (current.properties().containsKey(CATALOGUE_VERSION)) {
                kept.put(CATALOGUE_VERSION, current.properties().get(CATALOGUE_VERSION));
            }
        }
        return kept;
    }
}
