package io.magpie.fusion.events;

import io.magpie.api.metrics.OwnedGauges;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.Sources;
import io.magpie.fusion.config.PopularityConfig;
import io.magpie.fusion.store.PopularityStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Decayed popularity, overall and per category, as a candidate source: recomputed from the events on a schedule
 * (one replica at a time) and served from its last snapshot. Its lag, the age of that snapshot, is the gauge
 * {@code magpie_popularity_lag_seconds}.
 */
@ApplicationScoped
public class PopularitySignal {

    private static final Logger LOG = Logger.getLogger(PopularitySignal.class);

    private final PopularityStore store;
    private final PopularityConfig config;
    private final Vertx vertx;
    private final OwnedGauges gauges;
    private final PopularityStore.Weights weights;
    private final AtomicReference<Instant> snapshot = new AtomicReference<>();

    public PopularitySignal(PopularityStore store, PopularityConfig config, Vertx vertx, MeterRegistry metrics) {
        this.store = store;
        this.config = config;
        this.vertx = vertx;
        this.weights = new PopularityStore.Weights(
                config.viewWeight(), config.clickWeight(), config.addToCartWeight(), config.purchaseWeight());
        this.gauges = new OwnedGauges(metrics);
        gauges.register(Gauge.builder("magpie.popularity.lag.seconds", this, PopularitySignal::lagSeconds)
                .description("age of the popularity snapshot served (NaN before the first)"));
    }

    /** The gauge goes with this bean: the registry can outlive it (see {@link OwnedGauges}). */
    @PreDestroy
    void removeGauges() {
        gauges.removeAll();
    }

    /** On a schedule; the first turn comes one interval after start, when the events tables exist. */
    void onStart(@Observes StartupEvent start) {
        if (config.enabled()) {
            vertx.setPeriodic(
                    config.refreshInterval().toMillis(),
                    id -> refresh()
                            .subscribe()
                            .with(
                                    done -> {},
                                    failure -> LOG.warn(
                                            "cannot recompute popularity; trying again in " + config.refreshInterval(),
                                            failure)));
        }
    }

    /** Recomputes popularity now (unless another replica is at it) and notes the snapshot's time. */
    public Uni<Void> refresh() {
        return store.recompute(OffsetDateTime.now(ZoneOffset.UTC), config.halfLife(), config.window(), weights)
                .chain(store::computedAt)
                .invoke(at -> at.ifPresent(time -> snapshot.set(time.toInstant())))
                .replaceWithVoid();
    }

    public Uni<CandidateList> top(String category, Integer size) {
        FieldErrors errors = new FieldErrors();
        int wanted = size == null ? 20 : size;
        if (wanted < 1 || wanted > config.maxSize()) {
            errors.add("size", "must be 1 to " + config.maxSize());
        }
        if (category != null && category.isBlank()) {
            errors.add("category", "must not be blank (leave it out for all categories)");
        }
        errors.throwIfAny();
        return store.top(category == null ? null : category.strip(), wanted)
                .map(candidates -> new CandidateList(Sources.POPULARITY, candidates));
    }

    private double lagSeconds() {
        Instant at = snapshot.get();
        return at == null ? Double.NaN : Duration.between(at, Instant.now()).toMillis() / 1000.0;
    }
}
