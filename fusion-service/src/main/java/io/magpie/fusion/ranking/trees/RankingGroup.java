package io.magpie.fusion.ranking.trees;

/**
 * The candidates of one query with their features and graded labels: LambdaMART compares items within a group
 * only.
 *
 * @param query  names the group (the query text), for reports
 * @param flat   [candidate][feature]
 * @param labels graded relevance per candidate (0 = not relevant)
 */
public record RankingGroup(String query, float[][] flat, float[] labels) {

    public RankingGroup {
        if (flat.length != labels.length) {
            throw new IllegalArgumentException("one label per candidate: " + flat.length + " vs " + labels.length);
        }
    }

    public boolean hasRelevant() {
        for (float label : labels) {
            if (label > 0) {
                return true;
            }
        }
        return false;
    }
}
