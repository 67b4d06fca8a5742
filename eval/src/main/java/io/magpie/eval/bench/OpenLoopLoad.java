package io.magpie.eval.bench;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open loop: searches arrive on a fixed schedule, request i at {@code start + i / rate}, whether or not earlier
 * ones have been answered, as independent shoppers would. Latency runs from the <em>intended</em> send time, so time
 * a request spent waiting because the client or the server fell behind counts (no coordinated omission); the time
 * from the actual send is kept as service time. At most {@code maxInFlight} requests are outstanding: when that many
 * are, sending waits, and the wait shows up in the latency of the requests that were due.
 */
public final class OpenLoopLoad {

    private final SearchTarget target;
    private final QueryCycle queries;
    private final Duration drainTimeout;

    /** @param drainTimeout how long to wait for outstanding answers after the last send */
    public OpenLoopLoad(SearchTarget target, QueryCycle queries, Duration drainTimeout) {
        this.target = target;
        this.queries = queries;
        this.drainTimeout = drainTimeout;
    }

    public LoadResult run(double rate, int maxInFlight, LoadBudget budget) throws InterruptedException {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("rate must be > 0: " + rate);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1: " + maxInFlight);
        }
        Histogram latency = new ConcurrentHistogram(3);
        Histogram serviceTime = new ConcurrentHistogram(3);
        OutcomeTally tally = new OutcomeTally();
        Semaphore inFlight = new Semaphore(maxInFlight);
        double intervalNanos = 1e9 / rate;
        long start = System.nanoTime();
        long stopSending = start + budget.sendingNanos();
        AtomicLong lastAnswer = new AtomicLong(start);

        long sent = 0;
        while (budget.allows(sent)) {
            long intended = start + Math.round(sent * intervalNanos);
            if (intended - stopSending >= 0) {
                break;
            }
            sleepUntil(intended);
            inFlight.acquire();
            long actual = System.nanoTime();
            sent++;
            target.search(queries.next()).whenComplete((outcome, failure) -> {
                long answered = System.nanoTime();
                lastAnswer.accumulateAndGet(answered, Math::max);
                Outcome result = failure != null ? Outcome.error(failure.toString()) : outcome;
                tally.add(result);
                if (result.kind() != Outcome.Kind.ERROR) {
                    latency.recordValue(Math.max(1, (answered - intended) / 1000));
                    serviceTime.recordValue(Math.max(1, (answered - actual) / 1000));
                }
                inFlight.release();
            });
        }
        boolean drained = inFlight.tryAcquire(maxInFlight, drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!drained) {
            long unanswered = sent - tally.counted();
            tally.addErrors(
                    unanswered,
                    unanswered + " answers still outstanding " + drainTimeout.toSeconds() + " s after the last send");
        }
        boolean cutShort = budget.requests() > 0 && sent < budget.requests();
        double seconds = (lastAnswer.get() - start) / 1e9;
        return new LoadResult(
                "open",
                maxInFlight,
                rate,
                sent,
                tally.ok(),
                tally.degraded(),
                tally.errors(),
                seconds,
                latency,
                serviceTime,
                cutShort,
                tally.degradedBranches(),
                tally.errorSamples());
    }

    private static void sleepUntil(long deadline) {
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
