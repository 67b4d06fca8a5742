package io.magpie.fusion.model;

import java.time.Instant;

/**
 * Which learned ranker the storefront got in the model folder used before the registry (read only to import it).
 *
 * @param model       {@code name@version}
 * @param activatedAt when
 * @param activatedBy a label of the admin key that activated it (never the key)
 */
public record ActiveModelPointer(String model, Instant activatedAt, String activatedBy) {}
