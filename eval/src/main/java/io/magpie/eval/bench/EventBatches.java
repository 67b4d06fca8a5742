package io.magpie.eval.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Batches of behaviour events as a storefront sends them, under ids no run has used: a shopper population of
 * {@code users} users with a session each, products drawn from the catalogue's ids, a type mix of 70% views, 20%
 * clicks (with the request id and position of the list they came from), 7% add-to-carts and 3% purchases (with
 * quantity and price), stamped within the last hour. Seeded, so a run can be repeated.
 */
final class EventBatches {

    private final ObjectMapper json;
    private final List<String> products;
    private final int users;
    private final String idPrefix;
    private final Random random;

    EventBatches(ObjectMapper json, List<String> products, int users, String idPrefix, long seed) {
        this.json = json;
        this.products = products;
        this.users = users;
        this.idPrefix = idPrefix;
        this.random = new Random(seed);
    }

    static String userId(String idPrefix, int user) {
        return idPrefix + "user-" + user;
    }

    /** {@code count} batches of {@code size} events, whose ids start with {@code label}. */
    List<ArrayNode> batches(String label, int count, int size) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<ArrayNode> batches = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            ArrayNode batch = json.createArrayNode();
            for (int i = 0; i < size; i++) {
                batch.add(event(idPrefix + label + "-" + b + "-" + i, now));
            }
            batches.add(batch);
        }
        return batches;
    }

    private ObjectNode event(String eventId, Instant now) {
        int user = random.nextInt(users);
        int draw = random.nextInt(100);
        String type = draw < 70 ? "view" : draw < 90 ? "click" : draw < 97 ? "add_to_cart" : "purchase";
        ObjectNode event = json.createObjectNode()
                .put("eventId", eventId)
                .put("type", type)
                .put("userId", userId(idPrefix, user))
                .put("sessionId", idPrefix + "session-" + user)
                .put("productId", products.get(random.nextInt(products.size())))
                .put("timestamp", now.minusMillis(random.nextInt(3_600_000)).toString());
        if (type.equals("click")) {
            event.put("requestId", idPrefix + "request-" + random.nextInt(10_000))
                    .put("position", random.nextInt(20));
        }
        if (type.equals("add_to_cart") || type.equals("purchase")) {
            event.put("quantity", 1 + random.nextInt(3)).put("price", 5 + random.nextInt(9500) / 100.0);
        }
        return event;
    }
}
