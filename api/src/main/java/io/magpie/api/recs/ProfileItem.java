package io.magpie.api.recs;

import java.time.Instant;

/**
 * One of a shopper's recent interactions.
 *
 * @param productId the product
 * @param type      the strongest event type on it (purchase > add_to_cart > click > view)
 * @param at        the latest event on it
 */
public record ProfileItem(String productId, String type, Instant at) {}
