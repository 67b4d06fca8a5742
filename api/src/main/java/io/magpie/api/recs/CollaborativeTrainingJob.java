package io.magpie.api.recs;

import io.magpie.api.JobState;
import java.time.Instant;

/**
 * A training of the collaborative item vectors run in the background ({@code POST /v1/admin/collaborative/jobs};
 * {@code GET /v1/admin/collaborative/jobs/{id}}).
 *
 * @param id         the job id
 * @param state      queued, running, succeeded or failed
 * @param trigger    who started it: {@code admin} or {@code schedule}
 * @param progress   where the training is; null until the events are read
 * @param result     what it served, once succeeded
 * @param error      why it failed
 * @param started    when it was accepted
 * @param finished   when it succeeded or failed
 */
public record CollaborativeTrainingJob(
        String id,
        JobState state,
        String trigger,
        Progress progress,
        CollaborativeTrainingResult result,
        String error,
        Instant started,
        Instant finished) {

    /**
     * @param epoch     epochs done so far
     * @param epochs    epochs in the run
     * @param sequences shoppers' sequences trained on
     * @param items     items given a vector
     */
    public record Progress(int epoch, int epochs, int sequences, int items) {}
}
