package io.magpie.kg.model;

/**
 * A brand, category or attribute value that a query text can name.
 *
 * @param kind  what it is
 * @param name  the brand name, the category name (every category of that name), or the attribute name
 * @param value the attribute value; null for brands and categories
 */
public record GraphEntity(Kind kind, String name, String value) {

    public enum Kind {
        BRAND,
        CATEGORY,
        ATTRIBUTE
    }

    public static GraphEntity brand(String name) {
        return new GraphEntity(Kind.BRAND, name, null);
    }

    public static GraphEntity category(String name) {
        return new GraphEntity(Kind.CATEGORY, name, null);
    }

    public static GraphEntity attribute(String name, String value) {
        return new GraphEntity(Kind.ATTRIBUTE, name, value);
    }

    /** The words a query must contain to name this entity: the brand, category name or attribute value. */
    public String surface() {
        return kind == Kind.ATTRIBUTE ? value : name;
    }

    /** As explanations name it: {@code brand "Bounty"}, {@code category "Paper Towels"}, {@code color "Red"}. */
    public String describe() {
        return switch (kind) {
            case BRAND -> "brand \"" + name + "\"";
            case CATEGORY -> "category \"" + name + "\"";
            case ATTRIBUTE -> name + " \"" + value + "\"";
        };
    }
}
