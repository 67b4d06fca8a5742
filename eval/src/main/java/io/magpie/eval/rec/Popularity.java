package io.magpie.eval.rec;

import java.util.List;

/** Interaction counts of the items in the fitted sequences (a repeat purchase counts again). */
public final class Popularity {

    private final int[] counts;

    private Popularity(int[] counts) {
        this.counts = counts;
    }

    public static Popularity fit(List<int[]> sequences, int items) {
        int[] counts = new int[items];
        for (int[] sequence : sequences) {
            for (int item : sequence) {
                counts[item]++;
            }
        }
        return new Popularity(counts);
    }

    public int count(int item) {
        return counts[item];
    }

    public int items() {
        return counts.length;
    }

    /** The baseline that recommends the most bought items to everyone. */
    public Recommender recommender() {
        return new Recommender() {
            @Override
            public String key() {
                return "popularity";
            }

            @Override
            public String name() {
                return "popularity";
            }

            @Override
            public String description() {
                return "the items with the most interactions in the fitted data, the same for every user";
            }

            @Override
            public void score(int[] history, double[] scores) {
                for (int item = 0; item < counts.length; item++) {
                    scores[item] = counts[item];
                }
            }
        };
    }
}
