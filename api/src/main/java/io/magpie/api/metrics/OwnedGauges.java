package io.magpie.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The gauges one bean registers, removed together when the bean goes ({@code @PreDestroy}). The meter registry can
 * outlive the bean: in tests every application start of a profile shares Micrometer's global registry, which is
 * not cleared at shutdown. A gauge left behind goes on reading the dead bean (NaN, or nothing once it is collected),
 * and the next start's registration under the same name and tags returns that old gauge instead of its own.
 */
public final class OwnedGauges {

    private final MeterRegistry registry;
    private final List<Gauge> gauges = new CopyOnWriteArrayList<>();

    public OwnedGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the gauge {@code builder} describes and keeps it for {@link #removeAll()}. */
    public Gauge register(Gauge.Builder<?> builder) {
        Gauge gauge = builder.register(registry);
        gauges.add(gauge);
        return gauge;
    }

    /** Removes every gauge registered here from the registry. */
    public void removeAll() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }
}
