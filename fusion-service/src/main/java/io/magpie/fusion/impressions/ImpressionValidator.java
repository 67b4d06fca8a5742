package io.magpie.fusion.impressions;

import io.magpie.api.fusion.SourceContribution;
import io.magpie.api.impressions.ServedItem;
import io.magpie.api.impressions.ServedList;
import io.magpie.api.problem.FieldErrors;
import io.magpie.fusion.config.EventsConfig;
import io.magpie.fusion.config.ImpressionsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks served lists before any is stored: every field at fault is named ({@code lists[2].items[0].productId}), and
 * one bad list refuses the batch (the gateway builds them, so a bad one is a bug to see, not a shopper's typo). Ids
 * and time bounds are the events' ({@link EventsConfig}), so an impression is accepted where its events would be.
 */
@ApplicationScoped
public class ImpressionValidator {

    /** Query texts and category paths are short; this only keeps a runaway value out. */
    static final int MAX_TEXT_LENGTH = 1000;

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_PAGE = 100_000;

    private final int maxIdLength;
    private final Duration maxClockSkew;
    private final Duration maxAge;
    private final int maxItems;
    private final Clock clock;

    public ImpressionValidator(EventsConfig events, ImpressionsConfig impressions) {
        this.maxIdLength = events.maxIdLength();
        this.maxClockSkew = events.maxClockSkew();
        this.maxAge = events.maxAge();
        this.maxItems = impressions.maxItems();
        this.clock = Clock.systemUTC();
    }

    /** Throws a 400 naming every field at fault, when there is one. */
    public void check(List<ServedList> lists) {
        FieldErrors errors = new FieldErrors();
        Instant now = clock.instant();
        for (int i = 0; i < lists.size(); i++) {
            String at = "lists[" + i + "].";
            ServedList list = lists.get(i);
            if (list == null) {
                errors.add("lists[" + i + "]", "must be a served list, not null");
                continue;
            }
            id(errors, at + "requestId", list.requestId(), true);
            if (list.page() < 1 || list.page() > MAX_PAGE) {
                errors.add(at + "page", "must be 1 to " + MAX_PAGE);
            }
            if (list.servedAt() == null) {
                errors.add(at + "servedAt", "is required (ISO-8601 with an offset)");
            } else if (list.servedAt().isAfter(now.plus(maxClockSkew))) {
                errors.add(at + "servedAt", "is more than " + maxClockSkew + " ahead of the server's clock");
            } else if (list.servedAt().isBefore(now.minus(maxAge))) {
                errors.add(at + "servedAt", "is older than " + maxAge.toDays() + " days");
            }
            if (list.surface() == null || !ServedList.SURFACES.contains(list.surface())) {
                errors.add(
                        at + "surface",
                        "must be one of "
                                + ServedList.SURFACES.stream().sorted().toList());
            }
            text(errors, at + "query", list.query(), MAX_TEXT_LENGTH, false);
            id(errors, at + "userId", list.userId(), false);
            id(errors, at + "sessionId", list.sessionId(), false);
            id(errors, at + "subjectId", list.subjectId(), false);
            if (list.offset() < 0) {
                errors.add(at + "offset", "must be 0 or more");
            }
            text(errors, at + "strategy", list.strategy(), MAX_NAME_LENGTH, true);
            text(errors, at + "model", list.model(), maxIdLength, false);
            items(errors, at, list);
        }
        errors.throwIfAny();
    }

    private void items(FieldErrors errors, String at, ServedList list) {
        if (list.items() == null) {
            errors.add(at + "items", "is required (an empty list for an answer without items)");
            return;
        }
        if (list.items().size() > maxItems) {
            errors.add(at + "items", "must hold at most " + maxItems + " items");
            return;
        }
        Set<Integer> positions = new HashSet<>();
        for (int j = 0; j < list.items().size(); j++) {
            String item = at + "items[" + j + "].";
            ServedItem served = list.items().get(j);
            if (served == null) {
                errors.add(at + "items[" + j + "]", "must be an item, not null");
                continue;
            }
            if (served.position() < list.offset()) {
                errors.add(item + "position", "must be at least the list's offset (" + list.offset() + ")");
            } else if (!positions.add(served.position())) {
                errors.add(item + "position", "repeats position " + served.position() + " of the same list");
            }
            id(errors, item + "productId", served.productId(), true);
            List<SourceContribution> sources = served.sources() == null ? List.of() : served.sources();
            for (int k = 0; k < sources.size(); k++) {
                SourceContribution source = sources.get(k);
                String name = item + "sources[" + k + "]";
                if (source == null) {
                    errors.add(name, "must be a source, not null");
                    continue;
                }
                text(errors, name + ".source", source.source(), MAX_NAME_LENGTH, true);
                if (source.rank() < 1) {
                    errors.add(name + ".rank", "must be 1 or more");
                }
                if (!Double.isFinite(source.contribution())) {
                    errors.add(name + ".contribution", "must be a finite number");
                }
            }
        }
    }

    private void id(FieldErrors errors, String field, String value, boolean required) {
        text(errors, field, value, maxIdLength, required);
    }

    private static void text(FieldErrors errors, String field, String value, int maxLength, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(field, "is required");
            }
        } else if (value.isBlank() || value.length() > maxLength) {
            errors.add(field, "must be 1 to " + maxLength + " characters, not blank");
        }
    }
}
