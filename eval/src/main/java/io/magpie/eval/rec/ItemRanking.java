package io.magpie.eval.rec;

import java.util.Arrays;

/**
 * Full ranking of all items for one user: by score, ties by popularity (interaction count), then by item index;
 * the user's history items are left out, nothing else is.
 */
public final class ItemRanking {

    private final Popularity popularity;

    public ItemRanking(Popularity popularity) {
        this.popularity = popularity;
    }

    /** Whether item a ranks before item b. */
    private boolean before(double[] scores, int a, int b) {
        if (scores[a] != scores[b]) {
            return scores[a] > scores[b];
        }
        int pa = popularity.count(a);
        int pb = popularity.count(b);
        if (pa != pb) {
            return pa > pb;
        }
        return a < b;
    }

    /** The k best items not in {@code excluded}, best first. */
    public int[] top(double[] scores, boolean[] excluded, int k) {
        int[] top = new int[k];
        int size = 0;
        for (int item = 0; item < scores.length; item++) {
            if (excluded[item] || size == k && !before(scores, item, top[k - 1])) {
                continue;
            }
            int at = size < k ? size++ : k - 1;
            while (at > 0 && before(scores, item, top[at - 1])) {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = item;
        }
        return Arrays.copyOf(top, size);
    }

    /**
     * The 1-based position of {@code target} in the full ranking of the items not in {@code excluded}; 0 when the
     * target itself is excluded (a repeat purchase of a history item, which this protocol cannot recommend).
     */
    public int rankOf(double[] scores, boolean[] excluded, int target) {
        if (excluded[target]) {
            return 0;
        }
        int rank = 1;
        for (int item = 0; item < scores.length; item++) {
            if (item != target && !excluded[item] && before(scores, item, target)) {
                rank++;
            }
        }
        return rank;
    }
}
