package io.magpie.api.retrieval;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * One item's collaborative vector (trained from interactions, e.g. by fusion-service).
 *
 * @param id     product id
 * @param vector the item's vector; every vector of the collection has the same dimension
 */
public record ItemVector(
        @NotBlank String id, @NotNull @NotEmpty float[] vector) {}
