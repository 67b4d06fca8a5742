package io.magpie.fusion.model;

import java.time.OffsetDateTime;

/**
 * A stored event as the signals read it.
 *
 * @param eventId    the event's id
 * @param actor      who acted: the user id, else "session:" + the session id
 * @param productId  the product
 * @param type       view, click, add_to_cart or purchase
 * @param occurredAt the event's own time
 * @param receivedAt when it was stored (the read position)
 */
public record SignalEvent(
        String eventId,
        String actor,
        String productId,
        String type,
        OffsetDateTime occurredAt,
        OffsetDateTime receivedAt) {}
