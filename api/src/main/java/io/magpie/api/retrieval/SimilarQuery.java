package io.magpie.api.retrieval;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Products whose text vector is nearest to a given product's ("more like this").
 *
 * @param productId the product to start from; it is never among the answers
 * @param k         how many candidates
 * @param filter    restricts the candidates; null: none
 */
public record SimilarQuery(
        @NotBlank String productId, @Min(1) @Max(1000) int k, CandidateFilter filter) {}
