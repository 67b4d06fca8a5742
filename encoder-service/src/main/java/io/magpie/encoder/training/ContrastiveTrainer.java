package io.magpie.encoder.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import io.magpie.api.encoder.TextKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fine-tunes a {@link TrainableEncoder} on (query, document) pairs: InfoNCE with in-batch negatives
 * ({@link ContrastiveLoss}), DJL's AdamW (decoupled weight decay) under a {@link LinearWarmupDecay} schedule,
 * seeded shuffling. Runs on the calling thread; PyTorch's intra-op threads are the caller's to set.
 */
public final class ContrastiveTrainer {

    /** What the trainer reports while it runs. */
    public interface Listener {

        /** After every step. */
        void onStep(TrainingProgress progress);

        /** Every {@link Hyperparameters#checkpointEvery()} steps and at the end of each epoch but the last. */
        default void onCheckpoint(TrainingProgress progress, TrainableEncoder encoder) throws Exception {}

        /** Asked before every step; true stops the run with {@link CancelledException}. */
        default boolean cancelled() {
            return false;
        }
    }

    /** The run was stopped on request. */
    public static final class CancelledException extends RuntimeException {
        CancelledException(int step) {
            super("training stopped on request after step " + step);
        }
    }

    /**
     * @param pairs       training pairs seen per epoch
     * @param steps       optimizer steps taken
     * @param epochLosses mean loss of each epoch
     * @param finalLoss   mean loss of the last epoch
     * @param duration    wall time of the run
     */
    public record Outcome(int pairs, int steps, List<Double> epochLosses, double finalLoss, Duration duration) {}

    private ContrastiveTrainer() {}

    public static Outcome train(
            TrainableEncoder encoder, List<TrainingPair> pairs, Hyperparameters hp, Listener listener)
            throws Exception {
        int stepsPerEpoch = hp.stepsPerEpoch(pairs.size());
        if (stepsPerEpoch == 0) {
            throw new IllegalArgumentException("need at least 2 training pairs, got " + pairs.size());
        }
        int totalSteps = stepsPerEpoch * hp.epochs();
        LinearWarmupDecay schedule = new LinearWarmupDecay(hp.learningRate(), hp.warmupSteps(totalSteps), totalSteps);
        Optimizer optimizer = Optimizer.adamW()
                .optLearningRateTracker(schedule)
                .optWeightDecays(hp.weightDecay())
                .build();
        Engine engine = encoder.manager().getEngine();
        Map<String, NDArray> parameters = encoder.namedParameters();

        long start = System.nanoTime();
        int step = 0;
        long pairsSeen = 0;
        List<Double> epochLosses = new ArrayList<>();
        for (int epoch = 0; epoch < hp.epochs(); epoch++) {
            double lossSum = 0;
            List<List<TrainingPair>> batches = PairBatches.of(pairs, hp.batchSize(), hp.seed(), epoch);
            for (int b = 0; b < batches.size(); b++) {
                if (listener.cancelled()) {
                    throw new CancelledException(step);
                }
                List<TrainingPair> batch = batches.get(b);
                double loss = lossAndGradients(engine, encoder, batch, hp.temperature());
                step++;
                float learningRate = schedule.getNewValue(step);
                for (Map.Entry<String, NDArray> parameter : parameters.entrySet()) {
                    try (NDArray gradient = parameter.getValue().getGradient()) {
                        optimizer.update(parameter.getKey(), parameter.getValue(), gradient);
                    }
                    // PyTorch adds new gradients to old ones: clear them for the next step.
                    JniUtils.zeroGrad((PtNDArray) parameter.getValue());
                }
                pairsSeen += batch.size();
                lossSum += loss;
                TrainingProgress progress = progress(
                        epoch,
                        hp.epochs(),
                        step,
                        totalSteps,
                        loss,
                        lossSum / (b + 1),
                        learningRate,
                        pairsSeen,
                        System.nanoTime() - start);
                listener.onStep(progress);
                boolean lastStep = step == totalSteps;
                boolean due = hp.checkpointEvery() > 0 && step % hp.checkpointEvery() == 0;
                if (!lastStep && (due || b == batches.size() - 1)) {
                    listener.onCheckpoint(progress, encoder);
                }
            }
            epochLosses.add(lossSum / batches.size());
        }
        return new Outcome(
                pairs.size(),
                step,
                List.copyOf(epochLosses),
                epochLosses.get(epochLosses.size() - 1),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Forward pass and loss under a gradient collector, then backward; the step's arrays are freed after. */
    static double lossAndGradients(
            Engine engine, TrainableEncoder encoder, List<TrainingPair> batch, float temperature) {
        try (NDManager scope = encoder.manager().newSubManager();
                GradientCollector collector = engine.newGradientCollector()) {
            NDArray queries =
                    encoder.embed(scope, batch.stream().map(TrainingPair::query).toList(), TextKind.QUERY);
            NDArray documents = encoder.embed(
                    scope, batch.stream().map(TrainingPair::document).toList(), TextKind.DOCUMENT);
            NDArray loss = ContrastiveLoss.infoNce(queries, documents, batch, temperature);
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    private static TrainingProgress progress(
            int epoch,
            int epochs,
            int step,
            int totalSteps,
            double loss,
            double epochLoss,
            float learningRate,
            long pairsSeen,
            long nanos) {
        double seconds = nanos / 1e9;
        double perStep = seconds / step;
        return new TrainingProgress(
                epoch + 1,
                epochs,
                step,
                totalSteps,
                loss,
                epochLoss,
                learningRate,
                seconds > 0 ? pairsSeen / seconds : 0,
                Duration.ofNanos(nanos),
                Duration.ofMillis(Math.round(perStep * (totalSteps - step) * 1000)));
    }
}
