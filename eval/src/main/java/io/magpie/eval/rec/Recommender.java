package io.magpie.eval.rec;

/**
 * An offline recommendation baseline: scores every item for a user from the user's history. Higher is better; items
 * that a baseline has no evidence for score 0 and are ordered by popularity ({@link ItemRanking}).
 */
public interface Recommender {

    /** A short key, for JSON and the command line ("popularity", "cooc-cosine"). */
    String key();

    /** The name in reports. */
    String name();

    /** One sentence on how it scores, for reports. */
    String description();

    /** Writes the score of every item for this history into {@code scores} (one slot per item, all 0 on entry). */
    void score(int[] history, double[] scores);
}
