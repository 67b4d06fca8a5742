package io.magpie.fusion.model;

import io.magpie.api.model.ModelRef;
import java.time.Instant;

/**
 * One row of the registry's activation history; the newest row says what every replica serves.
 *
 * @param id          increasing with every activation
 * @param model       the version made active; null: back to the fixed strategy
 * @param activatedAt when
 * @param activatedBy who (a label of the admin key)
 * @param action      activate, rollback or import
 */
public record ModelActivation(long id, ModelRef model, Instant activatedAt, String activatedBy, String action) {}
