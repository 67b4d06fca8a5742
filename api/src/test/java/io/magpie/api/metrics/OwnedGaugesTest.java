package io.magpie.api.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OwnedGaugesTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aLaterOwnerReadsItsOwnValueOnceTheFirstHasRemovedItsGauges() {
        AtomicInteger first = new AtomicInteger(1);
        OwnedGauges firstBean = new OwnedGauges(registry);
        firstBean.register(
                Gauge.builder("queue.length", first, AtomicInteger::get).tag("lane", "query"));
        firstBean.removeAll();

        AtomicInteger second = new AtomicInteger(2);
        new OwnedGauges(registry)
                .register(Gauge.builder("queue.length", second, AtomicInteger::get)
                        .tag("lane", "query"));

        assertEquals(
                2.0, registry.get("queue.length").tag("lane", "query").gauge().value());
    }

    @Test
    void withoutRemovalTheRegistryHandsBackTheFirstOwnersGauge() {
        // Why the owners must remove theirs: the registry keeps the first gauge under a name and tags.
        AtomicInteger first = new AtomicInteger(1);
        new OwnedGauges(registry).register(Gauge.builder("queue.length", first, AtomicInteger::get));
        AtomicInteger second = new AtomicInteger(2);
        new OwnedGauges(registry).register(Gauge.builder("queue.length", second, AtomicInteger::get));

        assertEquals(1.0, registry.get("queue.length").gauge().value());
    }

    @Test
    void removeAllTakesEveryGaugeOutOfTheRegistry() {
        OwnedGauges gauges = new OwnedGauges(registry);
        AtomicInteger value = new AtomicInteger(3);
        gauges.register(Gauge.builder("a", value, AtomicInteger::get));
        gauges.register(Gauge.builder("b", value, AtomicInteger::get));

        gauges.removeAll();

        assertNull(registry.find("a").gauge());
        assertNull(registry.find("b").gauge());
    }
}
