package io.magpie.encoder.service;

import io.magpie.encoder.config.EncoderConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/** What operators watch besides the HTTP metrics: texts encoded, texts cut, and forward-pass time and size. */
@ApplicationScoped
public class EncoderMetrics {

    private final Counter texts;
    private final Counter truncated;
    private final Timer batchTime;
    private final DistributionSummary batchSize;

    public EncoderMetrics(MeterRegistry registry, EncoderConfig config) {
        String model = config.model();
        texts = Counter.builder("magpie.encoder.texts").description("Texts encoded")
                .tag("model", model).register(registry);
        truncated = Counter.builder("magpie.encoder.texts.truncated")
                .description("Texts longer than the model's maximum, encoded without their end")
                .tag("model", model).register(registry);
        batchTime = Timer.builder("magpie.encoder.batch.duration").description("Time of one forward pass")
                .tag("model", model).register(registry);
        batchSize = DistributionSummary.builder("magpie.encoder.batch.size").description("Texts per forward pass")
                .tag("model", model).register(registry);
    }

    void encoded(int textCount, int truncatedCount) {
        texts.increment(textCount);
        truncated.increment(truncatedCount);
    }

    <T> T timeBatch(int size, Supplier<T> pass) {
        batchSize.record(size);
        return batchTime.record(pass);
    }
}
