package io.magpie.api.retrieval;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * Nearest products to a query vector.
 *
 * @param vector the query vector (from encoder-service)
 * @param k      how many candidates
 * @param filter restricts the candidates; null: none
 */
public record DenseQuery(
        @NotNull @NotEmpty float[] vector,
        @Min(1) @Max(1000) int k,
        CandidateFilter filter) {

    public DenseQuery(float[] vector, int k) {
        this(vector, k, null);
    }
}
