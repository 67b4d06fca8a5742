package io.magpie.api.recs;

import java.util.List;

/**
 * A list of recommendations.
 *
 * @param requestId send it back with events on these items ({@code requestId}, {@code position})
 * @param items     best first
 * @param degraded  sources that failed or timed out and were left out
 */
public record RecommendationResponse(String requestId, List<RecommendedItem> items, List<String> degraded) {}
