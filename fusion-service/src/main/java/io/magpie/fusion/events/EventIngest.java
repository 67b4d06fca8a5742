package io.magpie.fusion.events;

import io.magpie.api.events.EventBatchResult;
import io.magpie.api.events.EventOutcome;
import io.magpie.api.events.EventStatus;
import io.magpie.api.problem.Problem.FieldError;
import io.magpie.api.problem.ProblemException;
import io.magpie.fusion.client.CatalogueProducts;
import io.magpie.fusion.config.EventsConfig;
import io.magpie.fusion.model.RawEvent;
import io.magpie.fusion.model.ValidatedEvent;
import io.magpie.fusion.store.EventStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One batch of behaviour events: validate each, drop repeats of an id within the batch, flag products the catalogue
 * does not know, store the rest in one transaction and answer per event once it is committed.
 */
@ApplicationScoped
public class EventIngest {

    private static final Logger LOG = Logger.getLogger(EventIngest.class);

    private final EventValidator validator;
    private final EventStore store;
    private final CatalogueProducts catalogue;
    private final KnownProducts knownProducts;
    private final Duration catalogueTimeout;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rejected;
    private final Counter unknownProducts;
    private final Counter uncheckedBatches;

    public EventIngest(
            EventValidator validator,
            EventStore store,
            CatalogueProducts catalogue,
            KnownProducts knownProducts,
            EventsConfig config,
            MeterRegistry metrics) {
        this.validator = validator;
        this.store = store;
        this.catalogue = catalogue;
        this.knownProducts = knownProducts;
        this.catalogueTimeout = config.catalogueTimeout();
        this.accepted = metrics.counter("magpie.events.received", "outcome", "accepted");
        this.duplicates = metrics.counter("magpie.events.received", "outcome", "duplicate");
        this.rejected = metrics.counter("magpie.events.received", "outcome", "rejected");
        this.unknownProducts = metrics.counter("magpie.events.unknown.products");
        this.uncheckedBatches = metrics.counter("magpie.events.catalogue.unchecked.batches");
    }

    public Uni<EventBatchResult> ingest(List<RawEvent> batch) {
        if (batch.isEmpty()) {
            throw ProblemException.badRequest("the batch holds no events");
        }
        Instant now = Instant.now();
        EventOutcome[] outcomes = new EventOutcome[batch.size()];
        Map<String, ValidatedEvent> unique = new LinkedHashMap<>();
        List<FieldError> allErrors = new ArrayList<>();
        for (RawEvent raw : batch) {
            EventValidator.Result result = validator.validate(raw, now);
            if (!result.valid()) {
                outcomes[raw.index()] = new EventOutcome(
                        raw.index(), raw.line(), readableId(raw), EventStatus.REJECTED, result.errors(), null);
                result.errors()
                        .forEach(error -> allErrors.add(new FieldError(
                                "[" + raw.index() + "]" + ("$".equals(error.field()) ? "" : "." + error.field()),
                                error.message(),
                                error.line())));
            } else if (unique.putIfAbsent(result.event().eventId(), result.event()) != null) {
                outcomes[raw.index()] = new EventOutcome(
                        raw.index(), raw.line(), result.event().eventId(), EventStatus.DUPLICATE, List.of(), null);
            }
        }
        if (allErrors.size() > 0 && unique.isEmpty()) {
            rejected.increment(batch.size());
            throw new ProblemException(
                    400,
                    "Invalid events",
                    "every event of the batch is invalid (" + batch.size() + "); nothing was stored",
                    allErrors);
        }
        List<ValidatedEvent> events = List.copyOf(unique.values());
        return productsKnown(events)
                .chain(catalogue -> store.insert(events, catalogue.orElse(Map.of()), catalogue.isPresent())
                        .map(stored -> answer(batch, outcomes, events, stored, catalogue.orElse(null))));
    }

    /**
     * Each product's category path if the catalogue knows it ("" for none), null if it does not; empty when the
     * catalogue could not say in time.
     */
    private Uni<Optional<Map<String, String>>> productsKnown(List<ValidatedEvent> events) {
        Set<String> products = new LinkedHashSet<>();
        events.forEach(event -> products.add(event.productId()));
        Map<String, String> known = new HashMap<>();
        List<String> toAsk = new ArrayList<>();
        for (String product : products) {
            String category = knownProducts.category(product);
            if (category != null) {
                known.put(product, category);
            } else {
                toAsk.add(product);
            }
        }
        if (toAsk.isEmpty()) {
            return Uni.createFrom().item(Optional.of(known));
        }
        return catalogue
                .known(toAsk, catalogueTimeout)
                .map(found -> {
                    knownProducts.remember(found);
                    toAsk.forEach(product -> known.put(product, found.get(product)));
                    return Optional.of(known);
                })
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf(
                            "catalogue did not say which of %d products it knows (%s); storing them unchecked",
                            toAsk.size(), failure.toString());
                    uncheckedBatches.increment();
                    return Optional.empty();
                });
    }

    private EventBatchResult answer(
            List<RawEvent> batch,
            EventOutcome[] outcomes,
            List<ValidatedEvent> events,
            Set<String> stored,
            Map<String, String> known) {
        for (ValidatedEvent event : events) {
            RawEvent raw = batch.get(event.index());
            if (stored.contains(event.eventId())) {
                Boolean unknown = known == null ? null : known.get(event.productId()) == null;
                outcomes[event.index()] = new EventOutcome(
                        event.index(), raw.line(), event.eventId(), EventStatus.ACCEPTED, List.of(), unknown);
            } else {
                outcomes[event.index()] = new EventOutcome(
                        event.index(), raw.line(), event.eventId(), EventStatus.DUPLICATE, List.of(), null);
            }
        }
        int accepts = 0;
        int repeats = 0;
        int refusals = 0;
        int unknowns = 0;
        for (EventOutcome outcome : outcomes) {
            switch (outcome.status()) {
                case ACCEPTED -> accepts++;
                case DUPLICATE -> repeats++;
                case REJECTED -> refusals++;
            }
            if (Boolean.TRUE.equals(outcome.unknownProduct())) {
                unknowns++;
            }
        }
        accepted.increment(accepts);
        duplicates.increment(repeats);
        rejected.increment(refusals);
        unknownProducts.increment(unknowns);
        return new EventBatchResult(accepts, repeats, refusals, unknowns, known != null, Arrays.asList(outcomes));
    }

    private static String readableId(RawEvent raw) {
        if (raw.json() == null
                || raw.json().get("eventId") == null
                || !raw.json().get("eventId").isTextual()) {
            return null;
        }
        return raw.json().get("eventId").textValue();
    }
}
