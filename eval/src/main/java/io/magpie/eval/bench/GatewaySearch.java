package io.magpie.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.magpie.eval.http.GatewayClient;
import io.magpie.eval.http.JsonHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Searches through the gateway's public API ({@code GET /api/v1/search}) over HTTP/1.1 with keep-alive, as a
 * storefront back end would. An answer whose {@code degraded} list is not empty counts as degraded; a failed one
 * is counted, not thrown, so that the load keeps its pace.
 */
public final class GatewaySearch implements SearchTarget {

    private final JsonHttp http;
    private final int size;
    private final int page;
    private final String sources;
    private final String strategy;
    private final Duration timeout;

    /**
     * @param size     results per search
     * @param page     the page asked for, 1-based (later pages read the ranking the gateway kept for page 1)
     * @param sources  comma-separated sources, or null for the gateway's
     * @param strategy fusion strategy, or null for the default
     * @param key      trusted or admin key (needed to choose sources or strategy), or null
     */
    public GatewaySearch(
            URI gateway, int size, int page, String sources, String strategy, String key, Duration timeout) {
        // one client for all workers: one HTTP/1.1 connection per concurrent request, reused
        this.http = JsonHttp.to(gateway).key(key).http1().build();
        this.size = size;
        this.page = page;
        this.sources = sources;
        this.strategy = strategy;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Outcome> search(String query) {
        String path = GatewayClient.searchPath(query, size, sources, strategy) + (page > 1 ? "&page=" + page : "");
        return http.getAsync(path, timeout).thenApply(this::outcome).exceptionally(e -> Outcome.error(rootCause(e)));
    }

    Outcome outcome(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            String body = response.body() == null ? "" : response.body();
            return Outcome.error(
                    "HTTP " + response.statusCode() + ": " + body.substring(0, Math.min(200, body.length())));
        }
        try {
            JsonNode answer = http.json().readTree(response.body());
            if (answer.path("degraded").isEmpty()) {
                return Outcome.OK;
            }
            List<String> branches = new ArrayList<>();
            answer.path("degraded").forEach(branch -> branches.add(branch.asText()));
            return Outcome.degraded(branches);
        } catch (Exception e) {
            return Outcome.error("unreadable answer: " + e.getMessage());
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
