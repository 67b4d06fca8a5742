package io.magpie.api.encoder;

import io.magpie.api.JobState;
import java.time.Instant;

/**
 * Where a fine-tuning job stands ({@code GET /v1/admin/fine-tuning/jobs/{id}}).
 *
 * @param id         the job id
 * @param state      queued, running, succeeded or failed
 * @param baseModel  the model version it started from, {@code name@version}
 * @param newModel   the version it makes, {@code name@version}; servable once the state is succeeded
 * @param pairs      training pairs
 * @param settings   the hyper-parameters used, defaults filled in
 * @param progress   the last step's figures; null before the first step
 * @param finalLoss  mean loss of the last epoch, once succeeded
 * @param createdAt  when it was accepted
 * @param startedAt  when training started
 * @param finishedAt when it succeeded or failed
 * @param error      why it failed
 * @param replica    the encoder replica that runs or ran it
 */
public record FineTuningJob(
        String id,
        JobState state,
        String baseModel,
        String newModel,
        int pairs,
        FineTuningRequest.Settings settings,
        Progress progress,
        Double finalLoss,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String error,
        String replica) {

    /**
     * @param epoch            current epoch, 1-based
     * @param epochs           epochs in the run
     * @param step             steps done
     * @param totalSteps       steps in the run
     * @param loss             loss of the last step
     * @param epochLoss        mean loss of the current epoch so far
     * @param learningRate     learning rate of the last step
     * @param pairsPerSecond   training speed since the start
     * @param elapsedSeconds   time since the start
     * @param remainingSeconds estimated time to the end
     */
    public record Progress(
            int epoch,
            int epochs,
            int step,
            int totalSteps,
            double loss,
            double epochLoss,
            double learningRate,
            double pairsPerSecond,
            double elapsedSeconds,
            double remainingSeconds) {}
}
