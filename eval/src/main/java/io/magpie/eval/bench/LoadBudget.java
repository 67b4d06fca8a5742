package io.magpie.eval.bench;

import java.time.Duration;

/**
 * How long one load level runs: a fixed number of requests, or a fixed duration; always at most {@code limit}.
 *
 * @param requests requests to send, 0 to run for {@code duration} instead
 * @param duration how long to send, used when {@code requests} is 0
 * @param limit    hard upper bound on the time spent sending, whatever else is set
 */
public record LoadBudget(long requests, Duration duration, Duration limit) {

    public LoadBudget {
        if (requests < 0) {
            throw new IllegalArgumentException("requests must be >= 0: " + requests);
        }
        if (requests == 0 && (duration == null || duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException("give a number of requests or a positive duration");
        }
        if (limit == null || limit.isZero() || limit.isNegative()) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    public static LoadBudget ofRequests(long requests, Duration limit) {
        return new LoadBudget(requests, null, limit);
    }

    public static LoadBudget ofDuration(Duration duration, Duration limit) {
        return new LoadBudget(0, duration, limit);
    }

    /** Nanoseconds after the start when sending stops. */
    long sendingNanos() {
        long limitNanos = limit.toNanos();
        return requests > 0 ? limitNanos : Math.min(duration.toNanos(), limitNanos);
    }

    /** Whether request number {@code n} (0-based) is still within the count. */
    boolean allows(long n) {
        return requests == 0 || n < requests;
    }

    String describe() {
        return requests > 0 ? requests + " requests" : duration.toMillis() / 1000.0 + " s";
    }
}
