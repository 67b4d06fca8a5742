package io.magpie.encoder.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

    @Test
    void groupsTextsOfSimilarLengthAndCoversEveryIndexOnce() {
        int[] lengths = {30, 5, 12, 5, 40, 7, 12};

        List<int[]> batches = BatchPlanner.plan(lengths, 3);

        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {1, 3, 5}, batches.get(0));
        assertArrayEquals(new int[] {2, 6, 0}, batches.get(1));
        assertArrayEquals(new int[] {4}, batches.get(2));
    }

    @Test
    void oneBatchWhenEverythingFits() {
        List<int[]> batches = BatchPlanner.plan(new int[] {3, 2}, 32);

        assertEquals(1, batches.size());
        assertArrayEquals(new int[] {1, 0}, batches.get(0));
    }
}
