package io.magpie.api.retrieval;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Collaborative candidates for a shopper: the items nearest to the mean of their history's item vectors
 * ({@code product_cf}), the history itself left out.
 *
 * @param itemIds the shopper's items, e.g. purchases; ids without a vector are skipped
 * @param k       how many candidates
 */
public record HistoryQuery(
        @NotEmpty @Size(max = 500) List<String> itemIds,
        @Min(1) @Max(1000) int k) {}
