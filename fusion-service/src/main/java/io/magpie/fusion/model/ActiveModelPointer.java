package io.magpie.fusion.model;

import java.time.Instant;

/**
 * Which learned ranker the storefront gets, shared by every replica through the model folder.
 *
 * @param model       {@code name@version}
 * @param activatedAt when
 * @param activatedBy a label of the admin key that activated it (never the key)
 */
public record ActiveModelPointer(String model, Instant activatedAt, String activatedBy) {}
