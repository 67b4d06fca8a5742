package io.magpie.encoder.service;

import io.magpie.encoder.config.EncoderConfig;
import io.magpie.encoder.model.TokenizedText;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Dynamic micro-batching across requests. Texts of all requests wait in one bounded queue; each forward thread
 * takes the oldest text, waits at most the batch window for more (or until a full batch is there), takes what
 * else is waiting, groups it by model, tokenizes, sorts by length and runs batches of similar length, so that
 * short texts are not padded to long ones.
 *
 * <p>Why dedicated threads: every thread that calls into PyTorch gets its own OpenMP team and its own malloc
 * arena, which keep their memory; passes spread over dozens of worker threads made the process grow by
 * gigabytes, a fixed set of threads keeps it flat.
 */
@ApplicationScoped
public class MicroBatcher {

    private static final Logger LOG = Logger.getLogger(MicroBatcher.class);
    /** How many waiting texts one round takes at most, in batches: room to sort by length. */
    private static final int BATCHES_PER_ROUND = 8;

    private final EncoderConfig config;
    private final EncoderMetrics metrics;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public MicroBatcher(EncoderConfig config, EncoderMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        if (config.queueCapacity() < config.maxTextsPerRequest()) {
            throw new IllegalStateException("magpie.encoder.queue-capacity (" + config.queueCapacity()
                    + ") must be at least magpie.encoder.max-texts-per-request (" + config.maxTextsPerRequest() + ")");
        }
        this.room = new Semaphore(config.queueCapacity());
        metrics.watchQueue(queue::size);
        for (int i = 1; i <= config.maxConcurrentBatches(); i++) {
            Thread thread = new Thread(this::serve, "encoder-forward-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** A text waiting for its pass. */
    private record Pending(ServedModel model, String text, CompletableFuture<EncodedText> result) {
    }

    /**
     * Queues the texts (already prefixed) for {@code model}; the caller holds a use of the model until the
     * result completes.
     *
     * @throws EncoderBusyException when the queue has no room for all of them
     */
    public CompletableFuture<List<EncodedText>> submit(ServedModel model, List<String> texts) {
        if (!room.tryAcquire(texts.size())) {
            metrics.rejected();
            throw new EncoderBusyException(config.queueCapacity() - room.availablePermits(), config.queueCapacity(),
                    config.retryAfterSeconds());
        }
        List<CompletableFuture<EncodedText>> results = new ArrayList<>(texts.size());
        for (String text : texts) {
            CompletableFuture<EncodedText> result = new CompletableFuture<>();
            results.add(result);
            queue.add(new Pending(model, text, result));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> results.stream().map(CompletableFuture::join).toList());
    }

    private void serve() {
        List<Pending> round = new ArrayList<>();
        while (running) {
            try {
                round.add(queue.take());
                long deadline = System.nanoTime() + config.batchWindow().toNanos();
                while (round.size() < config.maxBatchSize()) {
                    Pending next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    round.add(next);
                }
                queue.drainTo(round, config.maxBatchSize() * BATCHES_PER_ROUND - round.size());
                run(round);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                LOG.error("forward pass failed", e);
                round.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                room.release(round.size());
                round.clear();
            }
        }
        queue.forEach(p -> p.result().cancel(false));
    }

    private void run(List<Pending> round) {
        Map<ServedModel, List<Pending>> byModel = new IdentityHashMap<>();
        for (Pending pending : round) {
            byModel.computeIfAbsent(pending.model(), m -> new ArrayList<>()).add(pending);
        }
        for (Map.Entry<ServedModel, List<Pending>> entry : byModel.entrySet()) {
            ServedModel model = entry.getKey();
            List<Pending> texts = entry.getValue();
            try {
                List<TokenizedText> tokens = model.encoder().tokenize(texts.stream().map(Pending::text).toList());
                int[] lengths = tokens.stream().mapToInt(TokenizedText::length).toArray();
                for (int[] batch : BatchPlanner.plan(lengths, config.maxBatchSize())) {
                    List<TokenizedText> batchTokens = Arrays.stream(batch).mapToObj(tokens::get).toList();
                    float[][] vectors = metrics.timeBatch(model.key(), batch.length,
                            () -> model.encoder().embed(batchTokens));
                    for (int row = 0; row < batch.length; row++) {
                        texts.get(batch[row]).result()
                                .complete(new EncodedText(vectors[row], batchTokens.get(row).truncated()));
                    }
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "forward pass of %s failed", model.key());
                texts.forEach(p -> p.result().completeExceptionally(e));
            }
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
    }
}
