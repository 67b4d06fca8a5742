package io.magpie.eval.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.encoder.FineTuningRequest.Pair;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Training pairs from behaviour: a purchase is paired with the latest search of the same session (or user) that
 * came before it within a time window, since that query is what the shopper was looking for.
 *
 * <p>Input: NDJSON events {@code {"session" or "user", "type": "search"|"purchase", "query", "productId",
 * "timestamp": ISO-8601 or epoch millis}}; other types are ignored. A (query, product) pair is kept once however
 * often it was bought.
 */
public final class PurchasePairs {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event, as read. */
    record Event(String session, String type, String query, String productId, Instant at, int line) {}

    /** The pairs and what was not used, for the command's summary. */
    public record Result(List<Pair> pairs, int purchases, int withoutQuery, int unknownProducts) {}

    private PurchasePairs() {}

    /**
     * @param events       the NDJSON events
     * @param window       how long after a search a purchase still counts as its answer
     * @param productTexts product id to the text product vectors are made from
     * @throws IllegalArgumentException naming the line of a malformed event
     */
    public static Result read(BufferedReader events, Duration window, Map<String, String> productTexts)
            throws IOException {
        List<Event> all = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = events.readLine()) != null) {
            number++;
            if (!line.isBlank()) {
                all.add(parse(line, number));
            }
        }
        // Time order per session; the line number breaks ties, so a search logged before a purchase at the same
        // millisecond still precedes it.
        all.sort(Comparator.comparing(Event::at).thenComparingInt(Event::line));
        Map<String, Event> lastSearch = new HashMap<>();
        Set<Pair> pairs = new LinkedHashSet<>();
        int purchases = 0;
        int withoutQuery = 0;
        int unknown = 0;
        for (Event event : all) {
            if ("search".equals(event.type())) {
                lastSearch.put(event.session(), event);
            } else if ("purchase".equals(event.type())) {
                purchases++;
                Event search = lastSearch.get(event.session());
                if (search == null || Duration.between(search.at(), event.at()).compareTo(window) > 0) {
                    withoutQuery++;
                    continue;
                }
                String text = productTexts.get(event.productId());
                if (text == null || text.isBlank()) {
                    unknown++;
                    continue;
                }
                pairs.add(new Pair(search.query(), text));
            }
        }
        return new Result(List.copyOf(pairs), purchases, withoutQuery, unknown);
    }

    private static Event parse(String line, int number) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("events line " + number + " is not JSON");
        }
        String session = text(node, "session");
        if (session == null) {
            session = text(node, "user");
        }
        String type = text(node, "type");
        if (session == null || type == null) {
            throw new IllegalArgumentException("events line " + number + " needs 'session' (or 'user') and 'type'");
        }
        String query = text(node, "query");
        String productId = text(node, "productId");
        if ("search".equals(type) && query == null) {
            throw new IllegalArgumentException("events line " + number + ": a search needs 'query'");
        }
        if ("purchase".equals(type) && productId == null) {
            throw new IllegalArgumentException("events line " + number + ": a purchase needs 'productId'");
        }
        return new Event(
                session, type, query == null ? null : query.strip(), productId, timestamp(node, number), number);
    }

    private static Instant timestamp(JsonNode node, int number) {
        JsonNode value = node.get("timestamp");
        if (value != null && value.isNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        if (value != null && value.isTextual()) {
            try {
                return Instant.parse(value.asText());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("events line " + number
                + " needs 'timestamp' (ISO-8601 such as 2026-01-31T12:00:00Z, or epoch milliseconds)");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
