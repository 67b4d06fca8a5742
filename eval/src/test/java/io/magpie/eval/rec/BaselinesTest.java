package io.magpie.eval.rec;

import static io.magpie.eval.rec.TinyInteractions.A;
import static io.magpie.eval.rec.TinyInteractions.B;
import static io.magpie.eval.rec.TinyInteractions.C;
import static io.magpie.eval.rec.TinyInteractions.D;
import static io.magpie.eval.rec.TinyInteractions.E;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    private final Interactions data = TinyInteractions.data();

    @Test
    void popularityCountsInteractionsOfTheFittedDataOnly() {
        Popularity train = Popularity.fit(data.fitSequences(false), data.itemCount());
        // train: A in u0, u1; B in u0, u1, u2; C in u1, u2; D twice in u3; E never
        assertArrayEquals(new int[] {2, 3, 2, 2, 0}, counts(train));

        Popularity trainAndValid = Popularity.fit(data.fitSequences(true), data.itemCount());
        // + valid items C, D, A, E; the test items are never counted
        assertArrayEquals(new int[] {3, 3, 3, 3, 1}, counts(trainAndValid));
    }

    @Test
    void popularityRanksByCountThenByItemIndexLeavingOutTheHistory() {
        Popularity popularity = Popularity.fit(data.fitSequences(false), data.itemCount());
        ItemRanking ranking = new ItemRanking(popularity);
        double[] scores = score(popularity.recommender(), new int[0]);

        assertArrayEquals(new int[] {B, A, C, D, E}, ranking.top(scores, excluded(), 5));
        assertArrayEquals(new int[] {C, D}, ranking.top(scores, excluded(A, B), 2));
        assertArrayEquals(new int[] {C, D, E}, ranking.top(scores, excluded(A, B), 10));
    }

    @Test
    void cooccurrenceCountsUsersWhoBoughtBothOnce() {
        Cooccurrence cooccurrence = Cooccurrence.fit(data.fitSequences(false), data.itemCount());

        assertEquals(2, cooccurrence.count(A, B)); // u0, u1
        assertEquals(1, cooccurrence.count(A, C)); // u1
        assertEquals(2, cooccurrence.count(B, C)); // u1, u2
        assertEquals(0, cooccurrence.count(D, D)); // u3's repeat is not a pair
        assertEquals(0, cooccurrence.count(A, E));
        assertEquals(1, cooccurrence.users(D)); // u3 once, although twice in the sequence
        assertEquals(3, cooccurrence.users(B));
    }

    @Test
    void cooccurrenceScoresSumOverTheHistoryWithEachNormalisation() {
        Cooccurrence cooccurrence = Cooccurrence.fit(data.fitSequences(false), data.itemCount());
        int[] history = {A, B, A};

        double[] count = score(cooccurrence.recommender(Cooccurrence.Normalisation.COUNT), history);
        double[] conditional = score(cooccurrence.recommender(Cooccurrence.Normalisation.CONDITIONAL), history);
        double[] cosine = score(cooccurrence.recommender(Cooccurrence.Normalisation.COSINE), history);

        // C: c(A,C) + c(B,C) = 1 + 2; a history item counts once however often it was bought
        assertEquals(3.0, count[C], 1e-12);
        assertEquals(1.0 / 2 + 2.0 / 3, conditional[C], 1e-12);
        assertEquals(1 / Math.sqrt(2 * 2) + 2 / Math.sqrt(3 * 2), cosine[C], 1e-12);
        // A and B also co-occur with each other: A gets c(B,A) = 2, B gets c(A,B) = 2
        assertEquals(2.0, count[A], 1e-12);
        assertEquals(0.0, count[D], 1e-12);
        assertEquals(0.0, count[E], 1e-12);
    }

    @Test
    void cosineLiftsSpecificItemsWhereCountsFavourPopularOnes() {
        // X (0) is bought with P (1) by two users and with R (2) by one; P is bought by eight more users alone.
        List<int[]> sequences = new ArrayList<>(List.of(new int[] {0, 1}, new int[] {0, 1}, new int[] {0, 2}));
        sequences.addAll(Collections.nCopies(8, new int[] {1}));
        Popularity popularity = Popularity.fit(sequences, 3);
        Cooccurrence cooccurrence = Cooccurrence.fit(sequences, 3);
        ItemRanking ranking = new ItemRanking(popularity);
        boolean[] excludeX = {true, false, false};

        double[] count = new double[3];
        cooccurrence.recommender(Cooccurrence.Normalisation.COUNT).score(new int[] {0}, count);
        double[] cosine = new double[3];
        cooccurrence.recommender(Cooccurrence.Normalisation.COSINE).score(new int[] {0}, cosine);

        assertArrayEquals(new int[] {1, 2}, ranking.top(count, excludeX, 2)); // 2 > 1
        assertArrayEquals(new int[] {2, 1}, ranking.top(cosine, excludeX, 2)); // 1/sqrt(3) > 2/sqrt(30)
    }

    @Test
    void itemsWithoutCooccurrenceAreFilledInPopularityOrder() {
        Popularity popularity = Popularity.fit(data.fitSequences(false), data.itemCount());
        Cooccurrence cooccurrence = Cooccurrence.fit(data.fitSequences(false), data.itemCount());
        ItemRanking ranking = new ItemRanking(popularity);

        // u3's history D co-occurs with nothing: the ranking is popularity's, without D
        double[] scores = score(cooccurrence.recommender(Cooccurrence.Normalisation.COUNT), new int[] {D, D});
        assertArrayEquals(new int[] {B, A, C, E}, ranking.top(scores, excluded(D), 10));

        // C co-occurs (score 3) and goes first; D and E follow by popularity
        scores = score(cooccurrence.recommender(Cooccurrence.Normalisation.COUNT), new int[] {A, B});
        assertArrayEquals(new int[] {C, D, E}, ranking.top(scores, excluded(A, B), 10));
    }

    @Test
    void rankOfAgreesWithTheTopListAndIsZeroForAHistoryItem() {
        Popularity popularity = Popularity.fit(data.fitSequences(false), data.itemCount());
        ItemRanking ranking = new ItemRanking(popularity);
        double[] scores = {0.5, 0.0, 0.5, 2.0, 0.0};
        boolean[] excluded = excluded(C);

        int[] all = ranking.top(scores, excluded, 5);
        assertArrayEquals(new int[] {D, A, B, E}, all); // D 2.0; A 0.5; then B (3) before E (0) by popularity
        for (int position = 0; position < all.length; position++) {
            assertEquals(position + 1, ranking.rankOf(scores, excluded, all[position]));
        }
        assertEquals(0, ranking.rankOf(scores, excluded, C));
    }

    private static int[] counts(Popularity popularity) {
        int[] counts = new int[popularity.items()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = popularity.count(i);
        }
        return counts;
    }

    private double[] score(Recommender recommender, int[] history) {
        double[] scores = new double[data.itemCount()];
        recommender.score(history, scores);
        return scores;
    }

    private boolean[] excluded(int... items) {
        boolean[] excluded = new boolean[data.itemCount()];
        for (int item : items) {
            excluded[item] = true;
        }
        return excluded;
    }
}
