package io.magpie.api.retrieval;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Products matching the words of a query (BM25).
 *
 * @param query the shopper's text
 * @param k     how many candidates
 */
public record LexicalQuery(@NotBlank String query, @Min(1) @Max(1000) int k) {
}
