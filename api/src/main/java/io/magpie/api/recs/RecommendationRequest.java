package io.magpie.api.recs;

import java.util.List;

/**
 * Recommendations for a shopper without an account ({@code POST /api/v1/recommendations}).
 *
 * @param history  products the shopper looked at or bought, most recent first (1 to {@link #MAX_HISTORY})
 * @param size     how many items (1 to 100, default 10)
 * @param category only products in this category path (levels joined with ' > ') or below it; may be null
 * @param exclude  products not to recommend; may be null
 */
public record RecommendationRequest(List<String> history, Integer size, String category, List<String> exclude) {

    /** The most history items a request may carry. */
    public static final int MAX_HISTORY = 50;
}
