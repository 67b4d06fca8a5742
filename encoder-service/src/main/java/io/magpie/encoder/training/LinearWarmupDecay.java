package io.magpie.encoder.training;

import ai.djl.training.tracker.Tracker;

/**
 * The learning rate of step t (1-based, as DJL's optimizers count updates): rises linearly from peak / W at
 * step 1 to the peak at step W (the warm-up), then falls linearly to peak / (T - W) at the last step T. Unlike
 * the usual 0-based schedule, no step runs with a learning rate of 0. Without warm-up it starts at the peak.
 */
public final class LinearWarmupDecay implements Tracker {

    private final float peak;
    private final int warmupSteps;
    private final int totalSteps;

    public LinearWarmupDecay(float peak, int warmupSteps, int totalSteps) {
        if (totalSteps < 1 || warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException(
                    "need 0 <= warm-up (" + warmupSteps + ") <= total steps (" + totalSteps + ") and total >= 1");
        }
        this.peak = peak;
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
    }

    @Override
    public float getNewValue(int step) {
        int t = Math.max(1, Math.min(step, totalSteps));
        if (t <= warmupSteps) {
            return peak * t / warmupSteps;
        }
        return peak * (totalSteps - t + 1) / (totalSteps - warmupSteps);
    }
}
