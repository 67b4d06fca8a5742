package io.magpie.fusion.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.api.retrieval.Candidate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scores of the in-memory co-occurrence index, computed by hand. */
class CooccurrenceIndexTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC);

    private static CooccurrenceIndex index(double exponent) {
        return new CooccurrenceIndex(new CooccurrenceIndex.Tuning(
                50,
                Duration.ofDays(1),
                0.5,
                0.5,
                exponent,
                Map.of("view", 1.0, "click", 1.0, "add_to_cart", 2.0, "purchase", 3.0)));
    }

    @Test
    void neighboursCountMoreThanDistantItemsAndTheWeakerEventOfAPairCounts() {
        CooccurrenceIndex index = index(0);
        // u1: A (purchase), B (purchase), C (view): A-B 3, B-C 1 (weaker: view), A-C 1 x 0.5 (two apart)
        index.add("u1", "A", "purchase", T0);
        index.add("u1", "B", "purchase", T0.plusMinutes(1));
        index.add("u1", "C", "view", T0.plusMinutes(2));
        List<Candidate> candidates = index.candidates(List.of("A"), 10);
        assertEquals(List.of("B", "C"), candidates.stream().map(Candidate::id).toList());
        assertEquals(3.0, candidates.get(0).score(), 1e-9);
        assertEquals(0.5, candidates.get(1).score(), 1e-9);
        assertEquals("bought together with A", candidates.get(0).reason());
        assertEquals("viewed together with A", candidates.get(1).reason());
    }

    @Test
    void recentHistoryItemsWeighMoreAndHistoryItemsAreNeverAnswered() {
        CooccurrenceIndex index = index(0);
        index.add("u1", "A", "view", T0);
        index.add("u1", "X", "view", T0.plusMinutes(1));
        index.add("u2", "B", "view", T0);
        index.add("u2", "Y", "view", T0.plusMinutes(1));
        index.add("u3", "A", "view", T0);
        index.add("u3", "B", "view", T0.plusMinutes(1));
        // history B (most recent) then A: Y scores 1, X 0.5; A and B are each other's partners but in the history
        List<Candidate> candidates = index.candidates(List.of("B", "A"), 10);
        assertEquals(List.of("Y", "X"), candidates.stream().map(Candidate::id).toList());
        assertEquals(1.0, candidates.get(0).score(), 1e-9);
        assertEquals(0.5, candidates.get(1).score(), 1e-9);
    }

    @Test
    void aRepeatAddsNothingAndItemsApartLongerThanTheWindowAreNoPair() {
        CooccurrenceIndex index = index(1);
        index.add("u1", "A", "view", T0);
        index.add("u1", "B", "view", T0.plusMinutes(1));
        index.add("u1", "A", "purchase", T0.plusMinutes(2));
        index.add("u1", "C", "view", T0.plusDays(3));
        index.add("u2", "A", "view", T0);
        // A was taken by two shoppers: c(A, B) / n(A) = 1 / 2; C is three days after A and B
        assertEquals(List.of(new Candidate("B", 0.5, "viewed together with A")), index.candidates(List.of("A"), 10));
        assertEquals(List.of(), index.candidates(List.of("C"), 10));
        assertEquals(5, index.events());
        assertEquals(2, index.pairs());
    }

    @Test
    void boughtTogetherKeepsPairsOfEnoughBuyersAndEachProductsStrongestPartners() {
        CooccurrenceIndex index = index(1);
        // A and B bought by three shoppers; A and C by one; A and D viewed together by three
        for (String shopper : List.of("s1", "s2", "s3")) {
            index.add(shopper, "A", "purchase", T0);
            index.add(shopper, "B", "purchase", T0.plusMinutes(1));
            index.add("v-" + shopper, "A", "view", T0);
            index.add("v-" + shopper, "D", "view", T0.plusMinutes(1));
        }
        index.add("s4", "A", "purchase", T0);
        index.add("s4", "C", "purchase", T0.plusMinutes(1));

        List<CooccurrenceIndex.BoughtTogether> pairs = index.boughtTogether(10, 2);
        assertEquals(1, pairs.size());
        CooccurrenceIndex.BoughtTogether ab = pairs.get(0);
        assertEquals(List.of("A", "B", 3), List.of(ab.productId(), ab.otherId(), ab.support()));
        // A has 7 shoppers (3 + 3 viewers + 1), B 3: 3 / sqrt(21)
        assertEquals(3 / Math.sqrt(21), ab.strength(), 1e-9);

        assertEquals(2, index.boughtTogether(10, 1).size(), "A-B and A-C with a support of 1");
        // top 1 each: A's and B's is A-B; C's is A-C, kept although A has a stronger partner
        assertEquals(
                List.of("A-B", "A-C"),
                index.boughtTogether(1, 1).stream()
                        .map(pair -> pair.productId() + "-" + pair.otherId())
                        .toList());
    }
}
