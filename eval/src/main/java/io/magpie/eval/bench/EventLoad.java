package io.magpie.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.magpie.eval.http.JsonHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A closed loop of event batches: {@code concurrency} clients, each sending its next batch as soon as the previous
 * one is answered (which is once its events are committed), until the batches run out.
 */
final class EventLoad {

    /** What one level measured; latencies per batch, in microseconds. */
    record Result(
            String target,
            int concurrency,
            int batches,
            long events,
            long accepted,
            long duplicates,
            long rejected,
            long failedBatches,
            double seconds,
            Histogram latency,
            List<String> errorSamples) {

        double eventsPerSecond() {
            return seconds > 0 ? (accepted + duplicates) / seconds : 0;
        }
    }

    private final JsonHttp http;
    private final String path;
    private final Duration timeout;

    EventLoad(JsonHttp http, String path, Duration timeout) {
        this.http = http;
        this.path = path;
        this.timeout = timeout;
    }

    Result run(String target, int concurrency, List<ArrayNode> batches) throws InterruptedException {
        Histogram latency = new ConcurrentHistogram(3);
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong events = new AtomicLong();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            clients.submit(() -> {
                for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                    ArrayNode batch = batches.get(b);
                    long sent = System.nanoTime();
                    try {
                        JsonNode answer = http.post(path, batch, timeout);
                        latency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                        accepted.addAndGet(answer.path("accepted").asLong());
                        duplicates.addAndGet(answer.path("duplicates").asLong());
                        rejected.addAndGet(answer.path("rejected").asLong());
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        if (errors.size() < 5) {
                            errors.add(e.toString());
                        }
                    }
                    events.addAndGet(batch.size());
                }
            });
        }
        clients.shutdown();
        if (!clients.awaitTermination(1, TimeUnit.HOURS)) {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(
                target,
                concurrency,
                batches.size(),
                events.get(),
                accepted.get(),
                duplicates.get(),
                rejected.get(),
                failed.get(),
                seconds,
                latency,
                List.copyOf(errors));
    }
}
