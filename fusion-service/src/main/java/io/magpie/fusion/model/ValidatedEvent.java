package io.magpie.fusion.model;

import io.magpie.api.events.EventType;
import java.time.OffsetDateTime;

/**
 * An event that passed validation, ready to store.
 *
 * @param index the event's place in its batch (for the answer)
 */
public record ValidatedEvent(
        int index,
        String eventId,
        EventType type,
        String userId,
        String sessionId,
        String productId,
        OffsetDateTime timestamp,
        String requestId,
        Integer position,
        Integer quantity,
        Double price) {}
