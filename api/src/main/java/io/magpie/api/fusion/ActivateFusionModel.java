package io.magpie.api.fusion;

import jakarta.validation.constraints.NotBlank;

/**
 * Make a learned ranker version the one the storefront gets.
 *
 * @param model {@code name@version}
 */
public record ActivateFusionModel(@NotBlank String model) {}
