package io.magpie.retrieval.indexing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SealScheduleTest {

    @Test
    void aLongBurstIsSealedEveryFewBatchesAndItsRestOnceTheOutboxIsEmpty() {
        SealSchedule seals = new SealSchedule(512);
        int duringBurst = 0;
        // 6,764 products in batches of 256, the outbox never empty in between
        for (int written = 0; written < 6_764; written += 256) {
            seals.wrote(Math.min(256, 6_764 - written));
            if (seals.dueDuringBurst()) {
                seals.sealed();
                duringBurst++;
            }
        }
        assertEquals(13, duringBurst); // after every second batch
        assertTrue(seals.dueAtRest(), "the last 108 products wait for the empty outbox");
        seals.sealed();
        assertFalse(seals.dueAtRest(), "nothing written since: no seal");
        assertFalse(seals.dueDuringBurst());
    }

    @Test
    void aThresholdBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SealSchedule(0));
    }
}
