package io.magpie.fusion.collaborative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The DJL next-item model on sequences made of groups of three items always taken in the order A, B, C (shoppers take
 * one or two groups): after A the model must answer B, after A then B it must answer C.
 */
class NextItemModelTest {

    private static final int ITEMS = 24;
    private static final NextItemModel.Parameters SMALL =
            new NextItemModel.Parameters(16, 20, 0.5, 16, 64, 40, 5, 0.05, 0.0, 0.1, 3);

    @Test
    void learnsWhatFollowsARecentHistoryAndTheSameSeedGivesTheSameVectors() {
        List<int[]> sequences = chains(new Random(11));
        List<Integer> epochs = new ArrayList<>();
        NextItemModel.Trained trained =
                new NextItemModel(SMALL).train(sequences, ITEMS, (epoch, total) -> epochs.add(epoch));
        assertTrue(trained.bestEpoch() >= 1, "epochs kept: " + trained.bestEpoch());
        assertTrue(trained.hitRates().get(trained.bestEpoch() - 1) > 0.9, "held-out HR@10 " + trained.hitRates());
        assertEquals(trained.hitRates().size() + trained.bestEpoch(), epochs.size());
        for (int a = 0; a < ITEMS; a += 3) {
            // the recency-weighted mean serving computes, the history left out
            assertEquals(a + 1, best(trained.vectors(), new int[] {a}), "after " + a);
            assertEquals(a + 2, best(trained.vectors(), new int[] {a + 1, a}), "after " + a + ", " + (a + 1));
        }
        float[][] again = new NextItemModel(SMALL).train(sequences, ITEMS, epoch -> {});
        assertArrayEquals(trained.vectors()[5], again[5]);
    }

    /** The item scoring highest for this history (most recent first) by the cosine to its recency-weighted mean. */
    static int best(float[][] vectors, int[] recentFirst) {
        float[] weights = NextItemModel.recencyWeights(recentFirst.length, 20, 0.5);
        float[] user = new float[vectors[0].length];
        for (int i = 0; i < recentFirst.length; i++) {
            for (int d = 0; d < user.length; d++) {
                user[d] += weights[i] * vectors[recentFirst[i]][d];
            }
        }
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int item = 0; item < vectors.length; item++) {
            final int candidate = item;
            if (java.util.Arrays.stream(recentFirst).anyMatch(h -> h == candidate)) {
                continue;
            }
            double score = 0;
            for (int d = 0; d < user.length; d++) {
                score += user[d] * vectors[item][d];
            }
            if (score > bestScore) {
                bestScore = score;
                best = item;
            }
        }
        return best;
    }

    /** Each shopper takes one or two random groups (items 3g, 3g + 1, 3g + 2), each in its order. */
    private static List<int[]> chains(Random random) {
        List<int[]> sequences = new ArrayList<>();
        for (int s = 0; s < 400; s++) {
            int first = random.nextInt(ITEMS / 3);
            int second = random.nextInt(ITEMS / 3);
            int[] sequence = random.nextBoolean() || first == second
                    ? new int[] {3 * first, 3 * first + 1, 3 * first + 2}
                    : new int[] {3 * first, 3 * first + 1, 3 * first + 2, 3 * second, 3 * second + 1, 3 * second + 2};
            sequences.add(sequence);
        }
        return sequences;
    }
}
