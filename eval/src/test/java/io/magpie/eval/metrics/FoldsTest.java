package io.magpie.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FoldsTest {

    private static final List<String> QUERIES =
            IntStream.range(0, 103).mapToObj(i -> "query " + i).toList();

    @Test
    void everyQueryIsInExactlyOneTestFold() {
        Folds<String> folds = Folds.split(QUERIES, 5, 42);

        assertEquals(5, folds.k());
        List<String> allTests = new ArrayList<>();
        folds.folds().forEach(f -> allTests.addAll(f.test()));
        assertEquals(QUERIES.size(), allTests.size());
        assertEquals(new HashSet<>(QUERIES), new HashSet<>(allTests));
    }

    @Test
    void trainAndTestOfAFoldPartitionTheQueries() {
        for (Folds.Fold<String> fold : Folds.split(QUERIES, 5, 42).folds()) {
            Set<String> train = new HashSet<>(fold.train());
            assertEquals(fold.train().size(), train.size());
            fold.test().forEach(q -> assertTrue(!train.contains(q), q + " in train and test of fold " + fold.index()));
            assertEquals(QUERIES.size(), fold.train().size() + fold.test().size());
        }
    }

    @Test
    void foldSizesDifferByAtMostOne() {
        List<Integer> sizes = Folds.split(QUERIES, 5, 42).folds().stream()
                .map(f -> f.test().size())
                .toList();
        assertEquals(List.of(21, 21, 21, 20, 20), sizes);
    }

    @Test
    void theSameSeedGivesTheSameFoldsAndAnotherSeedOthers() {
        assertEquals(
                Folds.split(QUERIES, 5, 42).folds(), Folds.split(QUERIES, 5, 42).folds());
        assertNotEquals(
                Folds.split(QUERIES, 5, 42).fold(0).test(),
                Folds.split(QUERIES, 5, 43).fold(0).test());
    }

    @Test
    void theFoldsAreShuffledNotSlicesOfTheInputOrder() {
        List<String> firstFold = Folds.split(QUERIES, 5, 42).fold(0).test();
        assertNotEquals(QUERIES.subList(0, firstFold.size()), firstFold);
    }

    @Test
    void leaveOneOutAndBadArguments() {
        assertEquals(
                3,
                Folds.split(List.of("a", "b", "c"), 3, 1).folds().stream()
                        .filter(f -> f.test().size() == 1 && f.train().size() == 2)
                        .count());
        assertThrows(IllegalArgumentException.class, () -> Folds.split(QUERIES, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Folds.split(List.of("a", "b"), 3, 1));
        assertThrows(IllegalArgumentException.class, () -> Folds.split(List.of("a", "a", "b"), 2, 1));
    }
}
