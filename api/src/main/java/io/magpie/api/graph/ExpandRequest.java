package io.magpie.api.graph;

import io.magpie.api.search.QueryText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Products the graph proposes for a query text, some seed products and a user's history. At least one of the three
 * must be given; each adds its candidates.
 *
 * @param query      the search text; brands, categories and attribute values named in it lead to products; may be null
 * @param productIds seeds, most relevant first (for example the top dense hits); may be null or empty
 * @param history    products the user interacted with, most recent first; may be null or empty
 * @param k          how many candidates
 */
public record ExpandRequest(
        @Size(max = ExpandRequest.MAX_QUERY_LENGTH) String query,
        @Size(max = 100) List<String> productIds,
        @Size(max = 100) List<String> history,
        @Min(1) @Max(1000) int k) {

    /** The longest query text kg-service accepts. */
    public static final int MAX_QUERY_LENGTH = QueryText.MAX_LENGTH;

    /** Expansion from seed products only. */
    public ExpandRequest(List<String> productIds, int k) {
        this(null, productIds, null, k);
    }
}
