package io.magpie.fusion.ranking.attention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Synthetic labelled candidate lists where which source to trust depends on the request: the context is a one-hot
 * bit, and only the source the bit names scores candidates by their relevance; the other source's scores are
 * noise of the same scale. Per source the features are [score, reciprocal rank]; each source misses a candidate
 * with probability {@code absentShare}; the one item feature is noise.
 */
final class SyntheticLists {

    static final AttentionShape SHAPE = new AttentionShape(2, 2, 1, 2);
    static final FeatureSchemaId SCHEMA = new FeatureSchemaId("synthetic", "1");
    /** ESCI gains: exact, substitute, complement, irrelevant. */
    private static final float[] GAINS = {1.0f, 0.1f, 0.01f, 0f};

    private static final double[] GRADE_SHARE = {0.15, 0.15, 0.10, 0.60};

    private final Random random;
    private final int candidates;
    private final double absentShare;

    SyntheticLists(long seed, int candidates, double absentShare) {
        this.random = new Random(seed);
        this.candidates = candidates;
        this.absentShare = absentShare;
    }

    /** A labelled query whose informative source is {@code informative}. */
    Labelled query(int informative) {
        int[] grades = new int[candidates];
        float[] gains = new float[candidates];
        for (int i = 0; i < candidates; i++) {
            grades[i] = grade();
            gains[i] = GAINS[grades[i]];
        }
        if (IntStream.of(grades).noneMatch(g -> g == 0)) {
            grades[random.nextInt(candidates)] = 0;
        }
        for (int i = 0; i < candidates; i++) {
            gains[i] = GAINS[grades[i]];
        }
        float[][] scores = new float[2][candidates];
        boolean[][] present = new boolean[candidates][2];
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < candidates; i++) {
                // Relevance 3 (exact) .. 0 (irrelevant) plus noise, or noise alone around the same mean.
                scores[s][i] = s == informative
                        ? (float) ((3 - grades[i]) + random.nextGaussian() * 0.7)
                        : (float) (0.9 + random.nextGaussian() * 1.2);
                present[i][s] = random.nextDouble() >= absentShare;
            }
        }
        float[][][] sources = new float[candidates][2][2];
        for (int s = 0; s < 2; s++) {
            float[] reciprocalRanks = reciprocalRanks(scores[s], present, s);
            for (int i = 0; i < candidates; i++) {
                if (present[i][s]) {
                    sources[i][s] = new float[] {scores[s][i], reciprocalRanks[i]};
                }
            }
        }
        float[][] items = new float[candidates][1];
        for (int i = 0; i < candidates; i++) {
            items[i][0] = (float) random.nextGaussian();
        }
        float[] context = informative == 0 ? new float[] {1, 0} : new float[] {0, 1};
        return new Labelled(
                new TrainingQuery(new AttentionInput(sources, present, items, context), gains), informative, scores);
    }

    /** {@code count} queries, the informative source alternating. */
    List<Labelled> queries(int count) {
        List<Labelled> queries = new ArrayList<>();
        for (int q = 0; q < count; q++) {
            queries.add(query(q % 2));
        }
        return queries;
    }

    private int grade() {
        double u = random.nextDouble();
        for (int g = 0; g < GRADE_SHARE.length; g++) {
            u -= GRADE_SHARE[g];
            if (u < 0) {
                return g;
            }
        }
        return GRADE_SHARE.length - 1;
    }

    private static float[] reciprocalRanks(float[] scores, boolean[][] present, int source) {
        Integer[] order = IntStream.range(0, scores.length)
                .filter(i -> present[i][source])
                .boxed()
                .toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        float[] reciprocal = new float[scores.length];
        for (int r = 0; r < order.length; r++) {
            reciprocal[order[r]] = 1f / (r + 1);
        }
        return reciprocal;
    }

    /**
     * A query with what the baselines need.
     *
     * @param query       the model's input and gains
     * @param informative the source whose scores follow relevance
     * @param scores      raw scores per source and candidate (absent candidates' scores are not used)
     */
    record Labelled(TrainingQuery query, int informative, float[][] scores) {

        /** Ranking by one source alone; candidates it did not propose go last. */
        float[] singleSource(int source) {
            float[] ranking = new float[scores[source].length];
            for (int i = 0; i < ranking.length; i++) {
                ranking[i] = query.input().present()[i][source] ? scores[source][i] : Float.NEGATIVE_INFINITY;
            }
            return ranking;
        }

        /** Fixed equal-weight average: sum over present sources of the min-max normalised score. */
        float[] average() {
            float[] sum = new float[scores[0].length];
            for (int s = 0; s < scores.length; s++) {
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < sum.length; i++) {
                    if (query.input().present()[i][s]) {
                        min = Math.min(min, scores[s][i]);
                        max = Math.max(max, scores[s][i]);
                    }
                }
                for (int i = 0; i < sum.length; i++) {
                    if (query.input().present()[i][s] && max > min) {
                        sum[i] += (scores[s][i] - min) / (max - min);
                    }
                }
            }
            return sum;
        }
    }
}
