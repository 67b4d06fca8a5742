package io.magpie.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Answers after {@code millis}: "bad" fails, "slow" is degraded, anything else is fine. */
    private SearchTarget fake(long millis) {
        return query -> CompletableFuture.supplyAsync(
                () -> {
                    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    sleep(millis);
                    inFlight.decrementAndGet();
                    return switch (query) {
                        case "bad" -> Outcome.error("HTTP 503");
                        case "slow" -> Outcome.degraded(List.of("encoder", "dense"));
                        default -> Outcome.OK;
                    };
                },
                pool);
    }

    @Test
    void closedLoopSendsTheRequestCountWithAtMostTheConcurrencyOutstanding() throws Exception {
        QueryCycle queries = new QueryCycle(List.of("a", "b", "slow", "d", "bad"));

        LoadResult result =
                new ClosedLoopLoad(fake(2), queries).run(4, LoadBudget.ofRequests(40, Duration.ofSeconds(30)));

        assertEquals(40, result.sent());
        assertEquals(24, result.ok());
        assertEquals(8, result.degraded());
        assertEquals(8, result.errors());
        assertEquals(32, result.latency().getTotalCount());
        assertEquals(Map.of("dense", 8L, "encoder", 8L), result.degradedBranches());
        assertTrue(mostInFlight.get() <= 4, "at most 4 outstanding, saw " + mostInFlight.get());
        assertEquals(List.of("HTTP 503", "HTTP 503", "HTTP 503", "HTTP 503", "HTTP 503"), result.errorSamples());
        assertTrue(result.latency().getValueAtPercentile(50) >= 2000, "latency in microseconds");
        assertFalse(result.cutShort());
        assertEquals("closed", result.row().get("mode"));
    }

    @Test
    void aDurationBudgetStopsSendingInTime() throws Exception {
        long start = System.nanoTime();
        LoadResult result = new ClosedLoopLoad(fake(5), new QueryCycle(List.of("a")))
                .run(2, LoadBudget.ofDuration(Duration.ofMillis(200), Duration.ofSeconds(30)));

        assertTrue(result.sent() > 0);
        assertTrue((System.nanoTime() - start) / 1e9 < 5, "stopped after about 0.2 s");
    }

    @Test
    void theTimeLimitCutsALevelShort() throws Exception {
        LoadResult result = new ClosedLoopLoad(fake(10), new QueryCycle(List.of("a")))
                .run(1, LoadBudget.ofRequests(10_000, Duration.ofMillis(100)));

        assertTrue(result.cutShort());
        assertTrue(result.sent() < 10_000);
    }

    @Test
    void openLoopSendsOnScheduleAndCountsOutcomes() throws Exception {
        QueryCycle queries = new QueryCycle(List.of("a", "slow"));

        LoadResult result = new OpenLoopLoad(fake(1), queries, Duration.ofSeconds(10))
                .run(200, 16, LoadBudget.ofRequests(20, Duration.ofSeconds(30)));

        assertEquals(20, result.sent());
        assertEquals(10, result.ok());
        assertEquals(10, result.degraded());
        assertEquals(200.0, result.targetRate());
        // 20 requests 5 ms apart: about 0.1 s, far less than if each waited for the previous answer's full trip
        assertTrue(result.seconds() >= 0.09, "seconds " + result.seconds());
    }

    @Test
    void openLoopLatencyCountsTheWaitBehindASlowAnswer() throws Exception {
        // The first answer takes 300 ms; only one request may be outstanding, so the next ones, due every 10 ms,
        // go out late. Measured from their intended send time they are slow; their own service time is short.
        AtomicInteger calls = new AtomicInteger();
        SearchTarget target = query -> CompletableFuture.supplyAsync(
                () -> {
                    sleep(calls.getAndIncrement() == 0 ? 300 : 1);
                    return Outcome.OK;
                },
                pool);

        LoadResult result = new OpenLoopLoad(target, new QueryCycle(List.of("a")), Duration.ofSeconds(10))
                .run(100, 1, LoadBudget.ofRequests(10, Duration.ofSeconds(30)));

        assertEquals(10, result.answered());
        assertTrue(
                result.latency().getValueAtPercentile(50) >= 150_000,
                "p50 from the intended time " + result.latency().getValueAtPercentile(50) + " µs");
        assertTrue(
                result.serviceTime().getValueAtPercentile(50) < 100_000,
                "p50 service time " + result.serviceTime().getValueAtPercentile(50) + " µs");
    }

    @Test
    void openLoopCountsAnswersThatNeverCameAsErrors() throws Exception {
        SearchTarget never = query -> new CompletableFuture<>();

        LoadResult result = new OpenLoopLoad(never, new QueryCycle(List.of("a")), Duration.ofMillis(100))
                .run(100, 4, LoadBudget.ofRequests(3, Duration.ofSeconds(30)));

        assertEquals(3, result.errors());
        assertTrue(result.errorSamples().get(0).contains("3 answers still outstanding"));
    }

    @Test
    void queriesCycleAndRestart() {
        QueryCycle queries = new QueryCycle(List.of("x", "y"));
        assertEquals(List.of("x", "y", "x"), List.of(queries.next(), queries.next(), queries.next()));
        queries.restart();
        assertEquals("x", queries.next());
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
