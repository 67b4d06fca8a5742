package io.magpie.encoder.training;

import java.time.Duration;

/**
 * Where a fine-tuning run stands after a step.
 *
 * @param epoch          current epoch, 1-based
 * @param epochs         epochs in the run
 * @param step           steps done, over all epochs
 * @param totalSteps     steps in the run
 * @param loss           loss of the last step
 * @param epochLoss      mean loss of the current epoch's steps so far
 * @param learningRate   learning rate of the last step
 * @param pairsPerSecond training pairs per second since the start
 * @param elapsed        time since the start
 * @param remaining      estimated time to the end, at the speed so far
 */
public record TrainingProgress(
        int epoch,
        int epochs,
        int step,
        int totalSteps,
        double loss,
        double epochLoss,
        double learningRate,
        double pairsPerSecond,
        Duration elapsed,
        Duration remaining) {}
