package io.magpie.api.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    private final ReciprocalRankFusion rrf = new ReciprocalRankFusion(60);

    private static CandidateList list(String source, String... ids) {
        return new CandidateList(
                source,
                java.util.Arrays.stream(ids).map(id -> new Candidate(id, 1.0)).toList());
    }

    @Test
    void scoresAreSumsOfReciprocalRanks() {
        List<FusedItem> fused = rrf.fuse(List.of(list("dense", "a", "b"), list("lexical", "b", "c")), 10);

        assertEquals(List.of("b", "a", "c"), fused.stream().map(FusedItem::id).toList());
        assertEquals(1.0 / 62 + 1.0 / 61, fused.get(0).score(), 1e-12);
        assertEquals(1.0 / 61, fused.get(1).score(), 1e-12);
        assertEquals(1.0 / 62, fused.get(2).score(), 1e-12);
    }

    @Test
    void contributionsNameEachSourceWithItsRankLargestFirst() {
        FusedItem b = rrf.fuse(List.of(list("dense", "a", "b"), list("lexical", "b")), 10)
                .get(0);

        assertEquals("b", b.id());
        assertEquals(
                List.of(new SourceContribution("lexical", 1, 1.0 / 61), new SourceContribution("dense", 2, 1.0 / 62)),
                b.sources());
    }

    @Test
    void equalScoresAreOrderedByBestRankThenId() {
        // "p" and "q" are exactly tied at rank 1 of different lists: id order decides.
        List<FusedItem> tied = rrf.fuse(List.of(list("dense", "q"), list("lexical", "p")), 10);
        assertEquals(List.of("p", "q"), tied.stream().map(FusedItem::id).toList());
    }

    @Test
    void aRepeatedIdCountsOnceAtItsBestRank() {
        FusedItem a = rrf.fuse(List.of(list("dense", "a", "b", "a")), 10).get(0);

        assertEquals(1.0 / 61, a.score(), 1e-12);
        assertEquals(1, a.sources().size());
    }

    @Test
    void sizeLimitsTheAnswerAndEmptyListsGiveNothing() {
        assertEquals(1, rrf.fuse(List.of(list("dense", "a", "b", "c")), 1).size());
        assertTrue(rrf.fuse(List.of(list("dense")), 10).isEmpty());
        assertTrue(rrf.fuse(List.of(), 10).isEmpty());
    }
}
