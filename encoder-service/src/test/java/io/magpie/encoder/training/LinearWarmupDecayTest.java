package io.magpie.encoder.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LinearWarmupDecayTest {

    @Test
    void risesToThePeakThenFallsLinearly() {
        LinearWarmupDecay schedule = new LinearWarmupDecay(1f, 4, 10);
        float[] expected = {0.25f, 0.5f, 0.75f, 1f, 1f, 5 / 6f, 4 / 6f, 3 / 6f, 2 / 6f, 1 / 6f};
        for (int step = 1; step <= 10; step++) {
            assertEquals(expected[step - 1], schedule.getNewValue(step), 1e-6, "step " + step);
        }
        // DJL may ask beyond the end (or before the start): it stays at the last (first) value.
        assertEquals(1 / 6f, schedule.getNewValue(11), 1e-6);
        assertEquals(0.25f, schedule.getNewValue(0), 1e-6);
    }

    @Test
    void withoutWarmUpStartsAtThePeak() {
        LinearWarmupDecay schedule = new LinearWarmupDecay(2e-5f, 0, 4);
        assertEquals(2e-5f, schedule.getNewValue(1), 1e-12);
        assertEquals(0.5e-5f, schedule.getNewValue(4), 1e-12);
    }

    @Test
    void warmUpLongerThanTheRunIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LinearWarmupDecay(1f, 5, 4));
    }

    @Test
    void warmUpStepsComeFromTheRatio() {
        Hyperparameters hp = new Hyperparameters(2, 32, 2e-5f, 0.1f, 0.01f, 0.05f, 64, 1L, 0);
        assertEquals(39, hp.stepsPerEpoch(1233));
        assertEquals(38, hp.stepsPerEpoch(1217));
        assertEquals(7, hp.warmupSteps(78));
    }
}
