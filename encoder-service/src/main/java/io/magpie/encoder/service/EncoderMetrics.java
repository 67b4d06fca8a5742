package io.magpie.encoder.service;

import io.magpie.api.metrics.OwnedGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * What operators watch besides the HTTP metrics, per model version: texts encoded, texts cut, forward-pass
 * time and size; and per lane the queue length and the requests turned away because it was full.
 */
@ApplicationScoped
public class EncoderMetrics {

    private final MeterRegistry registry;
    private final Counter rejected;
    private final OwnedGauges gauges;

    public EncoderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.gauges = new OwnedGauges(registry);
        this.rejected = Counter.builder("magpie.encoder.requests.rejected")
                .description("Requests answered 503 because the queue was full")
                .register(registry);
    }

    void encoded(String model, int textCount, int truncatedCount) {
        Counter.builder("magpie.encoder.texts")
                .description("Texts encoded")
                .tag("model", model)
                .register(registry)
                .increment(textCount);
        Counter.builder("magpie.encoder.texts.truncated")
                .description("Texts longer than the model's maximum, encoded without their end")
                .tag("model", model)
                .register(registry)
                .increment(truncatedCount);
    }

    <T> T timeBatch(String model, Lane lane, int size, Supplier<T> pass) {
        DistributionSummary.builder("magpie.encoder.batch.size")
                .description("Texts per forward pass")
                .tag("model", model)
                .tag("lane", lane.label())
                .register(registry)
                .record(size);
        return Timer.builder("magpie.encoder.batch.duration")
                .description("Time of one forward pass")
                .tag("model", model)
                .tag("lane", lane.label())
                .register(registry)
                .record(pass);
    }

    void rejected() {
        rejected.increment();
    }

    void watchQueue(Lane lane, Supplier<Number> length) {
        gauges.register(Gauge.builder("magpie.encoder.queue.length", length)
                .description("Texts waiting for a forward pass")
                .tag("lane", lane.label()));
    }

    /** The gauges go with this bean: the registry can outlive it (see {@link OwnedGauges}). */
    @PreDestroy
    void removeGauges() {
        gauges.removeAll();
    }
}
