package io.magpie.kg.model;

/** What an expansion path starts from. */
public enum Origin {
    /** An entity named in the query text. */
    QUERY("query"),
    /** A seed product (for example a top dense hit). */
    SEED("seed"),
    /** A product from the user's history. */
    HISTORY("history");

    private final String word;

    Origin(String word) {
        this.word = word;
    }

    /** How explanations name it. */
    public String word() {
        return word;
    }
}
