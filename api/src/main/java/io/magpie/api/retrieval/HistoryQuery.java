package io.magpie.api.retrieval;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Collaborative candidates for a shopper: the items nearest to the (recency-weighted) mean of their history's item
 * vectors ({@code product_cf}), the history itself left out.
 *
 * @param itemIds      the shopper's items, most recent first; ids without a vector are skipped
 * @param k            how many candidates
 * @param recencyDecay the i-th item (0: the most recent) weighs {@code recencyDecay^i}; absent: all weigh the same
 */
public record HistoryQuery(
        @NotEmpty @Size(max = 500) List<String> itemIds,
        @Min(1) @Max(1000) int k,

        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
        Double recencyDecay) {

    public HistoryQuery(List<String> itemIds, int k) {
        this(itemIds, k, null);
    }
}
