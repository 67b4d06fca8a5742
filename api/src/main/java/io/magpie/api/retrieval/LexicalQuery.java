package io.magpie.api.retrieval;

import io.magpie.api.search.QueryText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Products matching the words of a query (BM25).
 *
 * @param query the shopper's text
 * @param k     how many candidates
 * @param filter restricts the candidates; null: none
 */
public record LexicalQuery(
        @NotBlank @Size(max = QueryText.MAX_LENGTH) String query,
        @Min(1) @Max(1000) int k,
        CandidateFilter filter) {

    public LexicalQuery(String query, int k) {
        this(query, k, null);
    }
}
