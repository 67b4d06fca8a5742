package io.magpie.api.search;

import java.util.List;

/**
 * The gateway's answer to a search.
 *
 * @param requestId identifies this answer (send it back with behaviour events)
 * @param query     the query as received
 * @param items     best first
 * @param degraded  sources that failed or timed out, so the answer was made without them
 * @param tookMs    time spent in the gateway
 */
public record SearchResponse(
        String requestId, String query, List<SearchHit> items, List<String> degraded, long tookMs) {}
