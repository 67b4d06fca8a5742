package io.magpie.kg.edit;

import io.magpie.api.problem.FieldErrors;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The property values the graph accepts from admins: strings, whole numbers, numbers, booleans and lists of one of
 * those, as Neo4j stores them. Values are normalised (every whole number a {@code Long}, every other number a
 * {@code Double}) so that what JSON, CSV and Neo4j hand back compares equal.
 */
public final class PropertyValues {

    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    static final int MAX_STRING_LENGTH = 10_000;

    private PropertyValues() {}

    /**
     * Checks input properties and returns them normalised, sorted by name. Errors are recorded against
     * {@code field.name}.
     *
     * @param reserved names that an edit may not set (keys, versions)
     */
    static Map<String, Object> validate(
            Map<String, Object> input, Set<String> reserved, String field, FieldErrors problems) {
        Map<String, Object> valid = new TreeMap<>();
        if (input == null) {
            return valid;
        }
        for (Map.Entry<String, Object> entry : input.entrySet()) {
            String name = entry.getKey();
            String where = field + "." + name;
            if (!NAME.matcher(name).matches()) {
                problems.add(where, "a property name is a letter or '_' then up to 63 letters, digits or '_'");
            } else if (reserved.contains(name)) {
                problems.add(where, "is reserved; it cannot be set by an edit");
            } else {
                Object value = problems.check(where, () -> checked(entry.getValue()));
                if (value != null) {
                    valid.put(name, value);
                }
            }
        }
        return valid;
    }

    private static Object checked(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("is null; leave the property out to remove it");
        }
        if (value instanceof List<?> list) {
            List<Object> values = new ArrayList<>(list.size());
            Class<?> kind = null;
            for (Object element : list) {
                if (element instanceof List<?> || element instanceof Map<?, ?>) {
                    throw new IllegalArgumentException("a list may hold only strings, numbers or booleans");
                }
                Object normal = checked(element);
                if (kind != null && kindOf(normal) != kind) {
                    throw new IllegalArgumentException("a list must hold values of one type");
                }
                kind = kindOf(normal);
                values.add(normal);
            }
            return values;
        }
        if (value instanceof Map<?, ?>) {
            throw new IllegalArgumentException(
                    "objects cannot be property values; use strings, numbers, booleans " + "or lists of one of those");
        }
        if (value instanceof String text && text.length() > MAX_STRING_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_STRING_LENGTH + " characters");
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            throw new IllegalArgumentException("is not a finite number");
        }
        if (value instanceof BigInteger big && big.bitLength() > 63) {
            throw new IllegalArgumentException("is too large for a whole number property");
        }
        return normalise(value);
    }

    private static Class<?> kindOf(Object normal) {
        return normal instanceof Long || normal instanceof Double ? Number.class : normal.getClass();
    }

    /** A value as it compares: whole numbers as Long, other numbers as Double, lists element by element. */
    public static Object normalise(Object value) {
        if (value instanceof Integer
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PropertyValues::normalise).toList();
        }
        return value;
    }

    static Map<String, Object> normaliseAll(Map<String, Object> properties) {
        Map<String, Object> normal = new TreeMap<>();
        if (properties != null) {
            properties.forEach((name, value) -> normal.put(name, normalise(value)));
        }
        return java.util.Collections.unmodifiableMap(normal);
    }
}
