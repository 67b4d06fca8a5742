package io.magpie.kg.model;

import java.util.List;

/** Turns graph paths into the text a merchandiser reads in a candidate's reason. */
public final class PathExplanations {

    /** Long titles are cut, so a reason with three paths stays readable. */
    static final int MAX_TITLE_LENGTH = 60;

    private PathExplanations() {}

    /**
     * {@code query mentions brand "Bounty" -> MADE_BY}, read from the entity to the product; a product in a
     * category below the named one: {@code query mentions category "Kitchen" -> CHILD_OF "Paper Towels" -> IN_CATEGORY}.
     */
    public static String mentioned(GraphEntity entity, String leafCategory) {
        String relation = switch (entity.kind()) {
            case BRAND -> "MADE_BY";
            case CATEGORY ->
                leafCategory == null || leafCategory.equals(entity.name())
                        ? "IN_CATEGORY"
                        : "CHILD_OF " + quote(leafCategory) + " -> IN_CATEGORY";
            case ATTRIBUTE -> "HAS";
        };
        return "query mentions " + entity.describe() + " -> " + relation;
    }

    /** {@code same brand "Bounty" as "Bounty Select-A-Size" (seed)}. */
    public static String shared(String what, String via, Origin origin, String originTitle) {
        return "same " + what + " " + quote(via) + " as " + quote(shorten(originTitle)) + " (" + origin.word() + ")";
    }

    /**
     * A chain of product-to-product relations read from the candidate back to where it started, with the arrows of
     * the stored relations: {@code ACCESSORY_OF -> "Phone X" (seed)} says the candidate is an accessory of the seed,
     * {@code ACCESSORY_OF <- "Case" (seed)} that the seed is an accessory of the candidate.
     *
     * @param types   relation types from the origin to the candidate
     * @param forward for each relation, whether it points from the origin's side to the candidate's side
     * @param titles  the titles of the nodes before the candidate, the origin first
     */
    public static String related(List<String> types, List<Boolean> forward, List<String> titles, Origin origin) {
        StringBuilder text = new StringBuilder();
        for (int i = types.size() - 1; i >= 0; i--) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(types.get(i)).append(forward.get(i) ? " <- " : " -> ").append(quote(shorten(titles.get(i))));
        }
        return text.append(" (").append(origin.word()).append(')').toString();
    }

    static String shorten(String title) {
        if (title == null) {
            return "";
        }
        return title.length() <= MAX_TITLE_LENGTH ? title : title.substring(0, MAX_TITLE_LENGTH - 1) + "…";
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
