package io.magpie.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark's events are valid as fusion-service checks them, with fresh ids and the intended mix. */
class EventBatchesTest {

    private final EventBatches batches =
            new EventBatches(new ObjectMapper(), List.of("P-1", "P-2", "P-3"), 10, "bench-x-", 12);

    @Test
    void batchesHoldFreshIdsAndValidEvents() {
        List<ArrayNode> made = batches.batches("gateway-c4", 50, 100);
        assertEquals(50, made.size());
        Set<String> ids = new HashSet<>();
        Map<String, Integer> types = new HashMap<>();
        Instant now = Instant.now();
        for (ArrayNode batch : made) {
            assertEquals(100, batch.size());
            for (JsonNode event : batch) {
                assertTrue(ids.add(event.path("eventId").asText()), "ids repeat");
                assertTrue(event.path("eventId").asText().startsWith("bench-x-gateway-c4-"));
                assertTrue(List.of("P-1", "P-2", "P-3")
                        .contains(event.path("productId").asText()));
                assertTrue(event.path("userId").asText().startsWith("bench-x-user-"));
                Instant at = Instant.parse(event.path("timestamp").asText());
                assertTrue(!at.isAfter(now) && at.isAfter(now.minus(Duration.ofMinutes(61))), at.toString());
                String type = event.path("type").asText();
                types.merge(type, 1, Integer::sum);
                assertEquals(type.equals("click"), event.has("requestId") && event.has("position"));
                assertEquals(type.equals("purchase") || type.equals("add_to_cart"), event.has("quantity"));
            }
        }
        // 70 / 20 / 7 / 3 per cent of 5,000 events, give or take
        assertTrue(Math.abs(types.get("view") - 3500) < 200, types.toString());
        assertTrue(Math.abs(types.get("click") - 1000) < 150, types.toString());
        assertTrue(types.get("add_to_cart") > 250 && types.get("purchase") > 80, types.toString());
    }
}
