package io.magpie.kg.model;

/** How a neighbour is linked to a seed product in the graph. */
public enum Relation {

    /** Both products are {@code IN_CATEGORY} the same leaf category. */
    CATEGORY("category"),

    /** Both products are {@code MADE_BY} the same brand. */
    BRAND("brand");

    private final String label;

    Relation(String label) {
        this.label = label;
    }

    /** The word used in Cypher results and in explanations. */
    public String label() {
        return label;
    }

    public static Relation ofLabel(String label) {
        for (Relation relation : values()) {
            if (relation.label.equals(label)) {
                return relation;
            }
        }
        throw new IllegalArgumentException("unknown relation " + label);
    }
}
