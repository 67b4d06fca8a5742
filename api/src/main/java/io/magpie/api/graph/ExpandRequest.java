package io.magpie.api.graph;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Products related to some seed products in the graph.
 *
 * @param productIds seeds, most relevant first
 * @param k          how many candidates
 */
public record ExpandRequest(@NotNull @NotEmpty @Size(max = 100) List<@NotNull String> productIds,
                            @Min(1) @Max(1000) int k) {
}
