package io.magpie.fusion.signals;

import io.magpie.api.metrics.OwnedGauges;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.recs.CooccurrenceQuery;
import io.magpie.api.recs.SignalsStatus;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.Sources;
import io.magpie.fusion.config.SignalsConfig;
import io.magpie.fusion.model.SignalEvent;
import io.magpie.fusion.store.SignalEventReader;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The co-occurrence signal: an in-memory {@link CooccurrenceIndex} fed with the events as they are stored (read every
 * poll interval from where the last read stopped) and rebuilt whole on a longer schedule, which drops events deleted
 * for privacy or aged out of the window. Its lag, the age of the newest moment up to which every committed event is
 * counted, is the gauge {@code magpie_cooccurrence_lag_seconds}.
 */
@ApplicationScoped
public class CooccurrenceSignal {

    private static final Logger LOG = Logger.getLogger(CooccurrenceSignal.class);
    private static final OffsetDateTime BEGINNING = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** An index and how far it has read. */
    private static final class State {
        final CooccurrenceIndex index;
        OffsetDateTime receivedAfter = BEGINNING;
        /** Ids read within the overlap, so a re-read does not count them twice. */
        final Map<String, OffsetDateTime> recentIds = new HashMap<>();

        volatile Instant caughtUpTo;

        State(CooccurrenceIndex index) {
            this.index = index;
        }
    }

    private final SignalEventReader reader;
    private final SignalsConfig config;
    private final Vertx vertx;
    private final OwnedGauges gauges;
    private final CooccurrenceIndex.Tuning tuning;
    private final AtomicReference<State> current = new AtomicReference<>();
    private final AtomicBoolean reading = new AtomicBoolean();

    public CooccurrenceSignal(SignalEventReader reader, SignalsConfig config, Vertx vertx, MeterRegistry metrics) {
        this.reader = reader;
        this.config = config;
        this.vertx = vertx;
        this.tuning = new CooccurrenceIndex.Tuning(
                config.actorItems(),
                config.pairWindow(),
                config.pairDecay(),
                config.historyDecay(),
                config.normalisationExponent(),
                Map.of(
                        "view", config.viewWeight(),
                        "click", config.clickWeight(),
                        "add_to_cart", config.addToCartWeight(),
                        "purchase", config.purchaseWeight()));
        current.set(new State(new CooccurrenceIndex(tuning)));
        this.gauges = new OwnedGauges(metrics);
        gauges.register(Gauge.builder("magpie.cooccurrence.lag.seconds", this, CooccurrenceSignal::lagSeconds)
                .description("age of the newest moment up to which every stored event is counted (NaN before)"));
    }

    /** The gauge goes with this bean: the registry can outlive it (see {@link OwnedGauges}). */
    @PreDestroy
    void removeGauges() {
        gauges.removeAll();
    }

    void onStart(@Observes StartupEvent start) {
        if (config.enabled()) {
            vertx.setPeriodic(config.pollInterval().toMillis(), id -> run(catchUp(current.get())));
            vertx.setPeriodic(config.rebuildInterval().toMillis(), id -> run(rebuild()));
        }
    }

    /** Reads the events stored since the last read (unless a read is running). */
    public Uni<Void> catchUp() {
        return guarded(catchUp(current.get()));
    }

    private void run(Uni<Void> work) {
        guarded(work)
                .subscribe()
                .with(done -> {}, failure -> LOG.warn("cannot read events into the co-occurrence signal", failure));
    }

    private Uni<Void> guarded(Uni<Void> work) {
        return Uni.createFrom().deferred(() -> {
            if (!reading.compareAndSet(false, true)) {
                return Uni.createFrom().voidItem();
            }
            return work.eventually(() -> reading.set(false));
        });
    }

    /** A fresh index read from the start of the window, swapped in once caught up. */
    private Uni<Void> rebuild() {
        State fresh = new State(new CooccurrenceIndex(tuning));
        return Uni.createFrom().deferred(() -> catchUp(fresh)).invoke(() -> current.set(fresh));
    }

    private Uni<Void> catchUp(State state) {
        return reader.now().chain(now -> readPages(state, now)).replaceWithVoid();
    }

    private Uni<Void> readPages(State state, OffsetDateTime startedAt) {
        // events commit within the overlap of their stamp: everything committed before this read started is counted
        return readFrom(state, state.receivedAfter.minus(config.readOverlap()), "", startedAt)
                .invoke(() -> state.caughtUpTo = startedAt.toInstant());
    }

    private Uni<Void> readFrom(State state, OffsetDateTime from, String fromId, OffsetDateTime startedAt) {
        OffsetDateTime since = startedAt.minus(config.window());
        return reader.page(from, fromId, since, config.pageSize()).chain(page -> {
            for (SignalEvent event : page) {
                if (state.recentIds.putIfAbsent(event.eventId(), event.receivedAt()) == null) {
                    state.index.add(event.actor(), event.productId(), event.type(), event.occurredAt());
                }
                if (event.receivedAt().isAfter(state.receivedAfter)) {
                    state.receivedAfter = event.receivedAt();
                }
            }
            OffsetDateTime forget =
                    state.receivedAfter.minus(config.readOverlap().multipliedBy(2));
            state.recentIds.values().removeIf(at -> at.isBefore(forget));
            if (page.size() < config.pageSize()) {
                return Uni.createFrom().voidItem();
            }
            SignalEvent last = page.get(page.size() - 1);
            return readFrom(state, last.receivedAt(), last.eventId(), startedAt);
        });
    }

    public Uni<CandidateList> candidates(CooccurrenceQuery query) {
        FieldErrors errors = new FieldErrors();
        if (query == null || query.history() == null || query.history().isEmpty()) {
            errors.add("history", "must hold at least one product id");
        } else if (query.history().size() > CooccurrenceQuery.MAX_HISTORY) {
            errors.add("history", "must hold at most " + CooccurrenceQuery.MAX_HISTORY + " product ids");
        } else if (query.history().stream().anyMatch(id -> id == null || id.isBlank())) {
            errors.add("history", "must not hold blank ids");
        }
        if (query != null && (query.k() < 1 || query.k() > 1000)) {
            errors.add("k", "must be 1 to 1000");
        }
        errors.throwIfAny();
        List<String> history = query.history().stream().map(String::strip).toList();
        return Uni.createFrom()
                .item(() -> new CandidateList(
                        Sources.COOCCURRENCE, current.get().index.candidates(history, query.k())));
    }

    /** The strongest bought-together pairs of the index served now ({@link CooccurrenceIndex#boughtTogether}). */
    public List<CooccurrenceIndex.BoughtTogether> boughtTogether(int perItem, int minSupport) {
        return current.get().index.boughtTogether(perItem, minSupport);
    }

    public SignalsStatus status() {
        State state = current.get();
        Instant at = state.caughtUpTo;
        return new SignalsStatus(
                at, at == null ? null : lagSeconds(), state.index.events(), state.index.items(), state.index.pairs());
    }

    private double lagSeconds() {
        Instant at = current.get().caughtUpTo;
        return at == null ? Double.NaN : Duration.between(at, Instant.now()).toMillis() / 1000.0;
    }
}
