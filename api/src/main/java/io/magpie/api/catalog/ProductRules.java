package io.magpie.api.catalog;

import io.magpie.api.problem.FieldErrors;
import java.util.List;
import java.util.Map;

/**
 * What a product may hold, for every service that stores one: retrieval-service checks each ingested line with
 * these rules and kg-service each product it is sent, so the catalogue never accepts a product that the graph
 * would refuse (and the outbox could then never deliver). Field names are given under a prefix: {@code ""} for a
 * product line, {@code "products[3]."} for an element of a batch.
 */
public final class ProductRules {

    /** Longest id any service accepts; a service may configure a shorter one. */
    public static final int MAX_ID_LENGTH = 256;

    public static final int MAX_TITLE_LENGTH = 4_000;
    /** Brands, colours, category levels, attribute names and values. */
    public static final int MAX_NAME_LENGTH = 512;

    public static final int MAX_CATEGORY_DEPTH = 16;
    public static final int MAX_ATTRIBUTES = 64;
    public static final int MAX_VALUES_PER_ATTRIBUTE = 64;

    private ProductRules() {}

    /**
     * Why {@code id} cannot be a product id, or null when it can. Ids are exact keys in URLs, PostgreSQL, Milvus
     * expressions and the graph: no control characters (PostgreSQL refuses NUL, no expression literal carries
     * them), no lone surrogates (not encodable as UTF-8), no surrounding spaces (invisible differences would
     * split a product in two). Quotes and backslashes are allowed: Milvus literals escape them.
     */
    public static String idProblem(String id, int maxLength) {
        if (id == null || id.isBlank()) {
            return "must not be blank";
        }
        if (id.length() > maxLength) {
            return "must be at most " + maxLength + " characters";
        }
        if (!id.strip().equals(id)) {
            return "must not start or end with spaces";
        }
        return textProblem(id, false);
    }

    /**
     * Why this text cannot be stored, or null when it can: control characters (tab, line feed and carriage return
     * only where {@code multiLine}) and lone UTF-16 surrogates.
     */
    public static String textProblem(String text, boolean multiLine) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain a lone UTF-16 surrogate (at character " + i + ")";
            } else if (Character.isISOControl(c) && !(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
                return String.format("must not contain the control character U+%04X (at character %d)", (int) c, i);
            }
        }
        return null;
    }

    /** Checks an id, adding the problem against {@code field}. */
    public static void checkId(String field, String id, int maxLength, FieldErrors errors) {
        String problem = idProblem(id, maxLength);
        if (problem != null) {
            errors.add(field, problem);
        }
    }

    /** Checks every id of a list, naming each bad one {@code field[i]}. */
    public static void checkIds(String field, List<String> ids, int maxLength, FieldErrors errors) {
        if (ids == null) {
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            checkId(field + "[" + i + "]", ids.get(i), maxLength, errors);
        }
    }

    /** The fields the graph keeps of a product (id, title, brand, category path, attributes). */
    public static void checkGraphFields(
            String at,
            String id,
            int maxIdLength,
            String title,
            String brand,
            List<String> category,
            Map<String, List<String>> attributes,
            FieldErrors errors) {
        checkId(at + "id", id, Math.min(maxIdLength, MAX_ID_LENGTH), errors);
        checkText(at + "title", title, MAX_TITLE_LENGTH, false, errors);
        checkText(at + "brand", brand, MAX_NAME_LENGTH, false, errors);
        checkCategory(at + "category", category, errors);
        checkAttributes(at + "attributes", attributes, errors);
    }

    /** Every field of a catalogue product: the graph's, and the texts only the catalogue keeps. */
    public static void checkProduct(String at, Product product, int maxIdLength, FieldErrors errors) {
        checkGraphFields(
                at,
                product.id(),
                maxIdLength,
                product.title(),
                product.brand(),
                product.category(),
                product.attributes(),
                errors);
        checkText(at + "color", product.color(), MAX_NAME_LENGTH, false, errors);
        checkText(at + "currency", product.currency(), MAX_NAME_LENGTH, false, errors);
        checkText(at + "imageUrl", product.imageUrl(), Integer.MAX_VALUE, false, errors);
        checkText(at + "description", product.description(), Integer.MAX_VALUE, true, errors);
        List<String> bullets = product.bulletPoints();
        if (bullets != null) {
            for (int i = 0; i < bullets.size(); i++) {
                checkText(at + "bulletPoints[" + i + "]", bullets.get(i), Integer.MAX_VALUE, true, errors);
            }
        }
    }

    private static void checkText(String field, String text, int maxLength, boolean multiLine, FieldErrors errors) {
        if (text == null) {
            return;
        }
        if (text.length() > maxLength) {
            errors.add(field, "must be at most " + maxLength + " characters");
            return;
        }
        String problem = textProblem(text, multiLine);
        if (problem != null) {
            errors.add(field, problem);
        }
    }

    private static void checkCategory(String field, List<String> category, FieldErrors errors) {
        if (category == null) {
            return;
        }
        if (category.size() > MAX_CATEGORY_DEPTH) {
            errors.add(field, "must have at most " + MAX_CATEGORY_DEPTH + " levels");
        }
        for (int level = 0; level < category.size(); level++) {
            String name = category.get(level);
            String at = field + "[" + level + "]";
            if (name == null || name.isBlank()) {
                errors.add(at, "must not be blank");
            } else if (name.contains(CategoryPath.SEPARATOR)) {
                errors.add(
                        at,
                        "must not contain '" + CategoryPath.SEPARATOR
                                + "': give the category path as a list of names, root first");
            } else {
                checkText(at, name, MAX_NAME_LENGTH, false, errors);
            }
        }
    }

    private static void checkAttributes(String field, Map<String, List<String>> attributes, FieldErrors errors) {
        if (attributes == null) {
            return;
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            errors.add(field, "must have at most " + MAX_ATTRIBUTES + " attributes");
            return;
        }
        attributes.forEach((name, values) -> {
            String at = field + "." + name;
            if (name == null || name.isBlank()) {
                errors.add(field, "attribute names must not be blank");
                return;
            }
            if (name.length() > MAX_NAME_LENGTH) {
                errors.add(field, "attribute names must be at most " + MAX_NAME_LENGTH + " characters");
                return;
            }
            String nameProblem = textProblem(name, false);
            if (nameProblem != null) {
                errors.add(field, "attribute name: " + nameProblem);
                return;
            }
            if (values == null || values.isEmpty()) {
                errors.add(at, "must be a list of one or more non-blank values");
                return;
            }
            if (values.size() > MAX_VALUES_PER_ATTRIBUTE) {
                errors.add(at, "must have at most " + MAX_VALUES_PER_ATTRIBUTE + " values");
                return;
            }
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                if (value == null || value.isBlank()) {
                    errors.add(at + "[" + i + "]", "must not be blank");
                } else {
                    checkText(at + "[" + i + "]", value, MAX_NAME_LENGTH, false, errors);
                }
            }
        });
    }
}
