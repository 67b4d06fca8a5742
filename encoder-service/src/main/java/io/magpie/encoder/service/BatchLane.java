package io.magpie.encoder.service;

import io.magpie.encoder.model.TokenizedText;
import io.magpie.encoder.model.TorchRuntime;
import java.time.Duration;
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
 * One lane of the micro-batcher: a bounded queue of texts and its dedicated forward threads. Each thread takes the
 * oldest text, waits at most the batch window for more (or until a full batch is there), takes what else is
 * waiting, groups it by model, tokenizes, sorts by length and runs batches of similar length, so that short texts
 * are not padded to long ones.
 *
 * <p>Why dedicated threads: every thread that calls into PyTorch gets its own OpenMP team, thread count and malloc
 * arena; passes spread over dozens of worker threads made the process grow by gigabytes, and a fixed set of
 * threads also lets each lane keep its own intra-op thread count.
 */
final class BatchLane {

    private static final Logger LOG = Logger.getLogger(BatchLane.class);
    /** How many waiting texts one round takes at most, in batches: room to sort by length. */
    private static final int BATCHES_PER_ROUND = 8;

    /** How a lane runs. */
    record Settings(
            Lane lane,
            int capacity,
            int retryAfterSeconds,
            Duration batchWindow,
            int maxBatchSize,
            int forwardThreads,
            int intraOpThreads) {}

    /** A text waiting for its pass. */
    private record Pending(ServedModel model, String text, CompletableFuture<EncodedText> result) {}

    private final Settings settings;
    private final EncoderMetrics metrics;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    BatchLane(Settings settings, EncoderMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.room = new Semaphore(settings.capacity());
        metrics.watchQueue(settings.lane(), queue::size);
        for (int i = 1; i <= settings.forwardThreads(); i++) {
            Thread thread = new Thread(this::serve, "encoder-" + settings.lane().label() + "-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /**
     * Queues the texts (already prefixed) for {@code model}; the caller holds a use of the model until the
     * result completes.
     *
     * @throws EncoderBusyException when the queue has no room for all of them
     */
    CompletableFuture<List<EncodedText>> submit(ServedModel model, List<String> texts) {
        if (!room.tryAcquire(texts.size())) {
            metrics.rejected();
            throw new EncoderBusyException(
                    settings.capacity() - room.availablePermits(), settings.capacity(), settings.retryAfterSeconds());
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
        boolean configured = false;
        while (running) {
            try {
                round.add(queue.take());
                long deadline = System.nanoTime() + settings.batchWindow().toNanos();
                while (round.size() < settings.maxBatchSize()) {
                    Pending next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    round.add(next);
                }
                queue.drainTo(round, settings.maxBatchSize() * BATCHES_PER_ROUND - round.size());
                if (!configured) {
                    // Only now: texts arrive once a model is loaded, so PyTorch's natives are there.
                    int actual = TorchRuntime.configureCallingThread(settings.intraOpThreads(), false);
                    LOG.infof(
                            "%s lane: forward thread %s runs with %d intra-op thread(s), no gradients",
                            settings.lane().label(), Thread.currentThread().getName(), actual);
                    configured = true;
                }
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
                List<TokenizedText> tokens = model.encoder()
                        .tokenize(texts.stream().map(Pending::text).toList());
                int[] lengths = tokens.stream().mapToInt(TokenizedText::length).toArray();
                for (int[] batch : BatchPlanner.plan(lengths, settings.maxBatchSize())) {
                    List<TokenizedText> batchTokens =
                            Arrays.stream(batch).mapToObj(tokens::get).toList();
                    float[][] vectors = metrics.timeBatch(
                            model.key(),
                            settings.lane(),
                            batch.length,
                            () -> model.encoder().embed(batchTokens));
                    for (int row = 0; row < batch.length; row++) {
                        texts.get(batch[row])
                                .result()
                                .complete(new EncodedText(
                                        vectors[row], batchTokens.get(row).truncated()));
                    }
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "forward pass of %s failed", model.key());
                texts.forEach(p -> p.result().completeExceptionally(e));
            }
        }
    }

    void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
    }
}
