package io.magpie.encoder.service;

import io.magpie.encoder.config.EncoderConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Dynamic micro-batching across requests, in two lanes ({@link Lane}): queries and documents each have their own
 * bounded queue, forward thread(s) and PyTorch intra-op thread count. A bulk document encode (ingest, reindex)
 * fills only the document queue, so the query that a shopper waits for is never queued behind it, and a single
 * query runs on one intra-op thread, where a team of threads would cost more CPU in handing work around and
 * waiting than the few word pieces of a query save.
 */
@ApplicationScoped
public class MicroBatcher {

    private final Map<Lane, BatchLane> lanes = new EnumMap<>(Lane.class);

    public MicroBatcher(EncoderConfig config, EncoderMetrics metrics) {
        if (config.queueCapacity() < config.maxTextsPerRequest()) {
            throw new IllegalStateException("magpie.encoder.queue-capacity (" + config.queueCapacity()
                    + ") must be at least magpie.encoder.max-texts-per-request (" + config.maxTextsPerRequest() + ")");
        }
        lanes.put(
                Lane.QUERY,
                new BatchLane(
                        new BatchLane.Settings(
                                Lane.QUERY,
                                config.queueCapacity(),
                                config.retryAfterSeconds(),
                                config.batchWindow(),
                                config.maxBatchSize(),
                                1,
                                config.queryIntraOpThreads()),
                        metrics));
        lanes.put(
                Lane.DOCUMENT,
                new BatchLane(
                        new BatchLane.Settings(
                                Lane.DOCUMENT,
                                config.queueCapacity(),
                                config.retryAfterSeconds(),
                                config.batchWindow(),
                                config.maxBatchSize(),
                                config.maxConcurrentBatches(),
                                config.effectiveIntraOpThreads()),
                        metrics));
    }

    /**
     * Queues the texts (already prefixed) for {@code model} in {@code lane}; the caller holds a use of the model
     * until the result completes.
     *
     * @throws EncoderBusyException when that lane's queue has no room for all of them
     */
    public CompletableFuture<List<EncodedText>> submit(ServedModel model, List<String> texts, Lane lane) {
        return lanes.get(lane).submit(model, texts);
    }

    @PreDestroy
    void stop() {
        lanes.values().forEach(BatchLane::stop);
    }
}
