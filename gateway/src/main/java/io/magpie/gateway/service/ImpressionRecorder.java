package io.magpie.gateway.service;

import io.magpie.api.impressions.ServedList;
import io.magpie.api.metrics.OwnedGauges;
import io.magpie.gateway.config.ImpressionsConfig;
import io.magpie.gateway.security.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bounded buffer between answers and the impressions log (docs/adr/0030): an answer offers its served list and
 * goes on at once; a full buffer drops the list and counts it. {@link ImpressionSender} empties it in the
 * background. Counts {@code magpie_impressions_dropped_total{reason}}, {@code magpie_impressions_sent_total} and
 * the gauge {@code magpie_impressions_buffered}.
 */
@ApplicationScoped
public class ImpressionRecorder {

    static final String DROPPED = "magpie.impressions.dropped";
    static final String SENT = "magpie.impressions.sent";

    /** Why lists were dropped: the tag {@code reason} of {@value #DROPPED}. */
    public enum DropReason {
        BUFFER_FULL("buffer_full"),
        SEND_FAILED("send_failed"),
        REFUSED("refused");

        private final String tag;

        DropReason(String tag) {
            this.tag = tag;
        }
    }

    private final boolean enabled;
    private final BlockingQueue<ServedList> buffer;
    private final MeterRegistry metrics;
    private final Counter sent;
    private final OwnedGauges gauges;

    public ImpressionRecorder(ImpressionsConfig config, MeterRegistry metrics) {
        this.enabled = config.enabled();
        this.buffer = new ArrayBlockingQueue<>(Math.max(1, config.bufferSize()));
        this.metrics = metrics;
        this.sent = Counter.builder(SENT)
                .description("Served lists stored by fusion-service (or already there)")
                .register(metrics);
        for (DropReason reason : DropReason.values()) {
            dropCounter(reason); // every reason shows from the start, at 0
        }
        this.gauges = new OwnedGauges(metrics);
        gauges.register(Gauge.builder("magpie.impressions.buffered", buffer, BlockingQueue::size));
    }

    /** The gauges go with this bean: the registry can outlive it (see {@link OwnedGauges}). */
    @PreDestroy
    void removeGauges() {
        gauges.removeAll();
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Offers the list a caller was served, unless the caller holds a trusted key: evaluation traffic, which no shopper
     * saw, is not logged (docs/adr/0030). The list is only built when it is offered.
     */
    public void recordFor(Caller caller, Supplier<ServedList> list) {
        if (enabled && !caller.trusted()) {
            record(list.get());
        }
    }

    /** Offers a served list without waiting; dropped and counted when the buffer is full. */
    public void record(ServedList list) {
        if (enabled && !buffer.offer(list)) {
            dropped(DropReason.BUFFER_FULL, 1);
        }
    }

    /** Up to {@code max} lists, waiting at most {@code wait} for the first. */
    List<ServedList> take(int max, Duration wait) throws InterruptedException {
        ServedList first = buffer.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        List<ServedList> batch = new java.util.ArrayList<>(Math.min(max, buffer.size() + 1));
        batch.add(first);
        buffer.drainTo(batch, max - 1);
        return batch;
    }

    void sent(int lists) {
        sent.increment(lists);
    }

    void dropped(DropReason reason, int lists) {
        dropCounter(reason).increment(lists);
    }

    private Counter dropCounter(DropReason reason) {
        return Counter.builder(DROPPED)
                .description("Served lists not logged: buffer full, sending failed after every retry, or refused")
                .tag("reason", reason.tag)
                .register(metrics);
    }
}
