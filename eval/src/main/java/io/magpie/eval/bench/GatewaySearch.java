package io.magpie.eval.bench;

import io.magpie.eval.http.GatewayClient;
import java.net.URI;
import java.time.Duration;

/** Searches through the gateway's public API ({@code GET /api/v1/search}). */
public final class GatewaySearch extends GatewayGet {

    /**
     * @param size     results per search
     * @param page     the page asked for, 1-based (later pages read the ranking the gateway kept for page 1)
     * @param sources  comma-separated sources, or null for the gateway's
     * @param strategy fusion strategy, or null for the default
     * @param key      trusted or admin key (needed to choose sources or strategy), or null
     */
    public GatewaySearch(
            URI gateway, int size, int page, String sources, String strategy, String key, Duration timeout) {
        super(
                gateway,
                query -> GatewayClient.searchPath(query, size, sources, strategy) + (page > 1 ? "&page=" + page : ""),
                key,
                timeout);
    }
}
