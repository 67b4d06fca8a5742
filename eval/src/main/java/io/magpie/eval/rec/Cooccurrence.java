package io.magpie.eval.rec;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Item-to-item co-occurrence: {@code c(i, j)} is the number of users whose fitted sequence holds both items i and j
 * (i != j; each user counts once per pair however often it bought them), and {@code n(i)} the number of users who
 * bought i. A user's score of item j sums over the distinct items i of the history:
 * <ul>
 *   <li>{@link Normalisation#COUNT}: {@code c(i, j)}, the raw count, which favours items that are popular
 *       everywhere;</li>
 *   <li>{@link Normalisation#CONDITIONAL}: {@code c(i, j) / n(i)}, the share of i's buyers who also bought j (an
 *       estimate of P(j | i)), so that every history item has the same say however many users bought it;</li>
 *   <li>{@link Normalisation#COSINE}: {@code c(i, j) / sqrt(n(i) * n(j))}, the cosine of the two items' user sets
 *       (classic item-to-item collaborative filtering): how specifically j goes with i, not how popular j is.</li>
 * </ul>
 * Items that co-occur with nothing in the history score 0 and fall back to popularity order.
 */
public final class Cooccurrence {

    public enum Normalisation {
        /** c(i, j). */
        COUNT("cooc-count", "co-occurrence (count)", "sum over the history's items i of c(i, j)"),
        /** c(i, j) / n(i): the share of i's buyers who also bought j, an estimate of P(j | i). */
        CONDITIONAL(
                "cooc-conditional", "co-occurrence (conditional)", "sum over the history's items i of c(i, j) / n(i)"),
        /** c(i, j) / sqrt(n(i) n(j)): the cosine of the two items' sets of buyers. */
        COSINE("cooc-cosine", "co-occurrence (cosine)", "sum over the history's items i of c(i, j) / sqrt(n(i) n(j))");

        private final String key;
        private final String label;
        private final String formula;

        Normalisation(String key, String label, String formula) {
            this.key = key;
            this.label = label;
            this.formula = formula;
        }
    }

    /** Per item, its co-occurring items and counts. */
    private final Map<Integer, Integer>[] pairs;

    private final int[] users;

    private Cooccurrence(Map<Integer, Integer>[] pairs, int[] users) {
        this.pairs = pairs;
        this.users = users;
    }

    @SuppressWarnings("unchecked")
    public static Cooccurrence fit(List<int[]> sequences, int items) {
        Map<Integer, Integer>[] pairs = new Map[items];
        for (int i = 0; i < items; i++) {
            pairs[i] = new HashMap<>();
        }
        int[] users = new int[items];
        for (int[] sequence : sequences) {
            int[] distinct = Arrays.stream(sequence).distinct().toArray();
            for (int i : distinct) {
                users[i]++;
                for (int j : distinct) {
                    if (i != j) {
                        pairs[i].merge(j, 1, Integer::sum);
                    }
                }
            }
        }
        return new Cooccurrence(pairs, users);
    }

    /** c(i, j): users who bought both. */
    public int count(int i, int j) {
        return pairs[i].getOrDefault(j, 0);
    }

    /** n(i): users who bought i. */
    public int users(int item) {
        return users[item];
    }

    public Recommender recommender(Normalisation normalisation) {
        return new Recommender() {
            @Override
            public String key() {
                return normalisation.key;
            }

            @Override
            public String name() {
                return normalisation.label;
            }

            @Override
            public String description() {
                return normalisation.formula + "; popularity order for items that co-occur with none of them";
            }

            @Override
            public void score(int[] history, double[] scores) {
                for (int i : Arrays.stream(history).distinct().toArray()) {
                    for (Map.Entry<Integer, Integer> pair : pairs[i].entrySet()) {
                        int j = pair.getKey();
                        double count = pair.getValue();
                        scores[j] += switch (normalisation) {
                            case COUNT -> count;
                            case CONDITIONAL -> count / users[i];
                            case COSINE -> count / Math.sqrt((double) users[i] * users[j]);
                        };
                    }
                }
            }
        };
    }
}
