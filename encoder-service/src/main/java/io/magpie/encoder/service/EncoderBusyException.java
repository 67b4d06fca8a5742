package io.magpie.encoder.service;

import io.magpie.api.problem.ProblemException;

/** The queue of texts is full: a 503 with Retry-After, so callers back off instead of piling on. */
public class EncoderBusyException extends ProblemException {

    private final int retryAfterSeconds;

    public EncoderBusyException(int queued, int capacity, int retryAfterSeconds) {
        super(
                503,
                "Encoder busy",
                "the encoder's queue holds " + queued + " of at most " + capacity + " texts; retry after "
                        + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
