package io.magpie.encoder.service;

import io.magpie.api.problem.ProblemException;
import io.magpie.encoder.config.EncoderConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs forward passes on a few dedicated threads ({@code max-concurrent-batches}), queueing the rest.
 *
 * <p>Why not on the request's worker thread: every thread that calls into PyTorch gets its own OpenMP team
 * and its own malloc arena, which keep their memory after the pass. Passes spread over dozens of worker
 * threads made the process grow by gigabytes; a fixed set of threads keeps it flat.
 */
@ApplicationScoped
public class ForwardPassRunner {

    private final ExecutorService threads;

    public ForwardPassRunner(EncoderConfig config) {
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(config.maxConcurrentBatches(), task -> {
            Thread thread = new Thread(task, "encoder-forward-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the pass and waits for it; the caller's thread only blocks. */
    public <T> T run(Callable<T> pass) {
        Future<T> result = threads.submit(pass);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(false);
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service unavailable", "interrupted while waiting for the model");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("forward pass failed", e.getCause());
        }
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
