package io.magpie.eval.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A closed loop: {@code concurrency} workers, each sending its next search as soon as the previous one is answered.
 * Measures latency under a fixed number of outstanding requests and the throughput that this reaches. A slow answer
 * delays the worker's next request, so a closed loop under-reports latency spikes that a stream of independent
 * users would feel; {@link OpenLoopLoad} measures those.
 */
public final class ClosedLoopLoad {

    private final SearchTarget target;
    private final QueryCycle queries;

    public ClosedLoopLoad(SearchTarget target, QueryCycle queries) {
        this.target = target;
        this.queries = queries;
    }

    public LoadResult run(int concurrency, LoadBudget budget) throws InterruptedException {
        return run(concurrency, budget, () -> false);
    }

    /**
     * Runs until the budget is spent or {@code done} says so, whichever comes first (a load that lasts as long as
     * something else happens, such as an ingest).
     */
    public LoadResult run(int concurrency, LoadBudget budget, BooleanSupplier done) throws InterruptedException {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1: " + concurrency);
        }
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong issued = new AtomicLong();
        OutcomeTally tally = new OutcomeTally();
        long start = System.nanoTime();
        long stopSending = start + budget.sendingNanos();
        AtomicLong lastAnswer = new AtomicLong(start);

        Runnable worker = () -> {
            while (true) {
                long n = issued.getAndIncrement();
                if (!budget.allows(n) || System.nanoTime() - stopSending >= 0 || done.getAsBoolean()) {
                    issued.decrementAndGet();
                    return;
                }
                long sent = System.nanoTime();
                Outcome outcome = target.search(queries.next()).join();
                long answered = System.nanoTime();
                lastAnswer.accumulateAndGet(answered, Math::max);
                tally.add(outcome);
                if (outcome.kind() != Outcome.Kind.ERROR) {
                    latency.recordValue(Math.max(1, (answered - sent) / 1000));
                }
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(worker, "bench-closed-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        boolean cutShort = budget.requests() > 0 && issued.get() < budget.requests();
        double seconds = (lastAnswer.get() - start) / 1e9;
        return new LoadResult(
                "closed",
                concurrency,
                0,
                issued.get(),
                tally.ok(),
                tally.degraded(),
                tally.errors(),
                seconds,
                latency,
                latency,
                cutShort,
                tally.degradedBranches(),
                tally.errorSamples());
    }
}
