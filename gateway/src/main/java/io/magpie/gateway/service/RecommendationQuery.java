package io.magpie.gateway.service;

import java.util.List;
import java.util.Set;

/**
 * What a recommendation request asks, validated.
 *
 * @param history  the shopper's items, most recent first (empty: cold start)
 * @param seeds    the items the graph's complements start from (recent purchases first)
 * @param size     how many items
 * @param category a category path prefix, or null
 * @param exclude  products never answered (the request's, the history's purchases)
 * @param sources  the candidate sources to ask
 */
public record RecommendationQuery(
        List<String> history,
        List<String> seeds,
        int size,
        String category,
        Set<String> exclude,
        Set<String> sources) {}
