package io.magpie.fusion.impressions;

import io.magpie.api.impressions.ImpressionLine;
import io.magpie.api.impressions.ServedList;
import io.magpie.api.problem.FieldErrors;
import io.magpie.fusion.config.ImpressionsConfig;
import io.magpie.fusion.store.ImpressionStore;
import io.magpie.fusion.store.ImpressionStore.ExportChunk;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The impressions export: every served item of a time window joined to the events that carry its list's request id,
 * streamed chunk by chunk (a few hundred lists per query, in the order they were served), so neither side holds the
 * whole window. The window is bounded ({@link ImpressionsConfig#exportMaxRange()}).
 */
@ApplicationScoped
public class ImpressionExport {

    private final ImpressionStore store;
    private final Duration maxRange;
    private final int chunk;

    public ImpressionExport(ImpressionStore store, ImpressionsConfig config) {
        this.store = store;
        this.maxRange = config.exportMaxRange();
        this.chunk = config.exportChunk();
    }

    /** Checks the parameters now (a 400 naming each one at fault), then streams the lines. */
    public Multi<ImpressionLine> export(String from, String to, String surface) {
        FieldErrors errors = new FieldErrors();
        Instant start = instant(errors, "from", from);
        Instant end = instant(errors, "to", to);
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                errors.add("to", "must be after from");
            } else if (Duration.between(start, end).compareTo(maxRange) > 0) {
                errors.add("to", "the window may span at most " + maxRange.toDays() + " days; ask for several");
            }
        }
        if (surface != null && !ServedList.SURFACES.contains(surface)) {
            errors.add(
                    "surface",
                    "must be one of " + ServedList.SURFACES.stream().sorted().toList());
        }
        errors.throwIfAny();
        AtomicReference<ImpressionStore.ExportKey> after = new AtomicReference<>();
        return Multi.createBy()
                .repeating()
                .uni(() -> Uni.createFrom()
                        .deferred(() -> store.export(start, end, surface, after.get(), chunk))
                        .invoke((ExportChunk read) -> after.set(read.next())))
                // whilst emits the chunk that ends it too
                .whilst(read -> read.next() != null)
                .onItem()
                .transformToIterable(ExportChunk::lines);
    }

    private static Instant instant(FieldErrors errors, String name, String value) {
        if (value == null || value.isBlank()) {
            errors.add(name, "is required (ISO-8601 with an offset, e.g. 2026-12-01T00:00:00Z)");
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(name, "must be ISO-8601 with an offset, e.g. 2026-12-01T00:00:00Z");
            return null;
        }
    }
}
