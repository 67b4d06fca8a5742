package io.magpie.api.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One thing a shopper did, as a storefront reports it to {@code POST /api/v1/events}.
 *
 * @param eventId   made by the client, unique per event: re-sending an event with the same id stores it once
 * @param type      view, click, add_to_cart or purchase
 * @param userId    the signed-in shopper; this or {@code sessionId} (or both) is required
 * @param sessionId the browsing session; linked to a user later by {@code POST /api/v1/events/identify}
 * @param productId the product acted on (stored even when the catalogue does not know it, and flagged)
 * @param timestamp when it happened, ISO-8601 with an offset ({@code 2026-12-03T04:00:00Z}); not in the future
 * @param requestId the search or recommendation answer the product came from, when it came from one
 * @param position  its position in that answer (as the list showed it)
 * @param quantity  items bought or added, at least 1
 * @param price     unit price paid, at least 0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BehaviourEvent(
        String eventId,
        EventType type,
        String userId,
        String sessionId,
        String productId,
        Instant timestamp,
        String requestId,
        Integer position,
        Integer quantity,
        Double price) {}
