package io.magpie.fusion.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.magpie.api.JsonEnums;
import io.magpie.api.events.EventType;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.Problem.FieldError;
import io.magpie.fusion.config.EventsConfig;
import io.magpie.fusion.model.RawEvent;
import io.magpie.fusion.model.ValidatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Checks one event's fields: ids present and short enough, a known type, an ISO-8601 timestamp with an offset that
 * is neither too far ahead of the clock nor too old, and sane optional numbers. Every problem is named, not only the
 * first. Unknown fields are ignored (newer clients may send more).
 */
@ApplicationScoped
public class EventValidator {

    private static final Set<String> KNOWN_TYPES = Set.of("view", "click", "add_to_cart", "purchase");

    private final int maxIdLength;
    private final Duration maxSkew;
    private final Duration maxAge;

    public EventValidator(EventsConfig config) {
        this.maxIdLength = config.maxIdLength();
        this.maxSkew = config.maxClockSkew();
        this.maxAge = config.maxAge();
    }

    /** The outcome of validating one event: the event, or why not. */
    public record Result(ValidatedEvent event, List<FieldError> errors) {
        public boolean valid() {
            return event != null;
        }
    }

    public Result validate(RawEvent raw, Instant now) {
        if (raw.json() == null) {
            return invalid(List.of(new FieldError("$", raw.parseError(), raw.line())));
        }
        JsonNode json = raw.json();
        if (!json.isObject()) {
            return invalid(List.of(new FieldError("$", "an event is a JSON object", raw.line())));
        }
        Errors errors = new Errors(raw.line());
        String eventId = id(json, "eventId", true, errors);
        EventType type = type(json, errors);
        String userId = id(json, "userId", false, errors);
        String sessionId = id(json, "sessionId", false, errors);
        if (userId == null && sessionId == null && !errors.mentions("userId") && !errors.mentions("sessionId")) {
            errors.add("userId", "userId or sessionId is required (one of them, or both)");
        }
        String productId = id(json, "productId", true, errors);
        OffsetDateTime timestamp = timestamp(json, now, errors);
        String requestId = id(json, "requestId", false, errors);
        Integer position = wholeNumber(json, "position", 0, errors);
        Integer quantity = wholeNumber(json, "quantity", 1, errors);
        Double price = price(json, errors);
        if (!errors.list.isEmpty()) {
            return invalid(errors.list.errors());
        }
        return new Result(
                new ValidatedEvent(
                        raw.index(),
                        eventId,
                        type,
                        userId,
                        sessionId,
                        productId,
                        timestamp,
                        requestId,
                        position,
                        quantity,
                        price),
                List.of());
    }

    private static Result invalid(List<FieldError> errors) {
        return new Result(null, List.copyOf(errors));
    }

    private String id(JsonNode json, String field, boolean required, Errors errors) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            errors.add(field, "must be a string");
            return null;
        }
        String text = value.textValue();
        if (text.isBlank() || text.length() > maxIdLength) {
            errors.add(field, "must be 1 to " + maxIdLength + " characters, not blank");
            return null;
        }
        return text;
    }

    private static EventType type(JsonNode json, Errors errors) {
        JsonNode value = json.get("type");
        if (value == null || value.isNull()) {
            errors.add("type", "is required: one of view, click, add_to_cart, purchase");
            return null;
        }
        if (!value.isTextual() || !KNOWN_TYPES.contains(value.textValue())) {
            errors.add("type", "unknown event type " + value + "; known: view, click, add_to_cart, purchase");
            return null;
        }
        return JsonEnums.parse(EventType.class, "event type", value.textValue());
    }

    private OffsetDateTime timestamp(JsonNode json, Instant now, Errors errors) {
        JsonNode value = json.get("timestamp");
        if (value == null || value.isNull()) {
            errors.add("timestamp", "is required (ISO-8601 with an offset, e.g. 2026-12-03T04:00:00Z)");
            return null;
        }
        if (!value.isTextual()) {
            errors.add("timestamp", "must be an ISO-8601 string with an offset, e.g. 2026-12-03T04:00:00Z");
            return null;
        }
        OffsetDateTime timestamp;
        try {
            timestamp = OffsetDateTime.parse(value.textValue()).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.add(
                    "timestamp",
                    "is not an ISO-8601 date-time with an offset (e.g. 2026-12-03T04:00:00Z): " + value.textValue());
            return null;
        }
        Instant instant = timestamp.toInstant();
        if (instant.isAfter(now.plus(maxSkew))) {
            errors.add(
                    "timestamp",
                    "is in the future: more than " + maxSkew.toSeconds() + " s ahead of the server's clock (" + now
                            + ")");
            return null;
        }
        if (instant.isBefore(now.minus(maxAge))) {
            errors.add("timestamp", "is more than " + maxAge.toDays() + " days in the past");
            return null;
        }
        return timestamp;
    }

    private static Integer wholeNumber(JsonNode json, String field, int min, Errors errors) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min) {
            errors.add(field, "must be a whole number of at least " + min);
            return null;
        }
        return value.intValue();
    }

    private static Double price(JsonNode json, Errors errors) {
        JsonNode value = json.get("price");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() < 0) {
            errors.add("price", "must be a number of at least 0");
            return null;
        }
        return value.doubleValue();
    }

    /** The shared collector of field errors, each marked with the event's NDJSON line. */
    private static final class Errors {
        private final Long line;
        private final FieldErrors list = new FieldErrors();

        Errors(Long line) {
            this.line = line;
        }

        void add(String field, String message) {
            list.add(new FieldError(field, message, line));
        }

        boolean mentions(String field) {
            return list.errors().stream().anyMatch(error -> error.field().equals(field));
        }
    }
}
