package io.magpie.retrieval.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EditDistanceTest {

    @Test
    void countsInsertionsDeletionsSubstitutionsAndSwaps() {
        assertEquals(0, EditDistance.atMost("towels", "towels", 2));
        assertEquals(1, EditDistance.atMost("papr", "paper", 2));
        assertEquals(1, EditDistance.atMost("towles", "towels", 2));
        assertEquals(1, EditDistance.atMost("skilet", "skillet", 2));
        assertEquals(2, EditDistance.atMost("hedphnes", "headphones", 2));
    }

    @Test
    void stopsPastTheBound() {
        assertEquals(2, EditDistance.atMost("keyboard", "skateboard", 1));
        assertEquals(3, EditDistance.atMost("abc", "xyz", 2));
    }
}
