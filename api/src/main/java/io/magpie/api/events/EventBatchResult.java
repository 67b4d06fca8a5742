package io.magpie.api.events;

import java.util.List;

/**
 * The answer to a batch of events, sent once every accepted event is committed.
 *
 * @param accepted         events stored now
 * @param duplicates       events whose id was stored before or earlier in this batch
 * @param rejected         invalid events, not stored
 * @param unknownProducts  stored events whose product the catalogue does not know
 * @param catalogueChecked false when the catalogue could not be asked in time: the products of this batch were
 *                         stored unchecked ({@code unknownProduct} absent)
 * @param events           one outcome per event, in the order sent
 */
public record EventBatchResult(
        int accepted,
        int duplicates,
        int rejected,
        int unknownProducts,
        boolean catalogueChecked,
        List<EventOutcome> events) {}
