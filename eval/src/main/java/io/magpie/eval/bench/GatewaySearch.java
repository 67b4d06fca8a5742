package io.magpie.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Searches through the gateway's public API ({@code GET /api/v1/search}) over HTTP/1.1 with keep-alive, as a
 * storefront back end would. An answer whose {@code degraded} list is not empty counts as degraded.
 */
public final class GatewaySearch implements SearchTarget {

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final URI gateway;
    private final String extraParameters;
    private final String key;
    private final Duration timeout;

    /**
     * @param size     results per search
     * @param sources  comma-separated sources, or null for the gateway's
     * @param strategy fusion strategy, or null for the default
     * @param key      trusted or admin key (needed to choose sources or strategy), or null
     */
    public GatewaySearch(HttpClient http, URI gateway, int size, String sources, String strategy, String key,
                         Duration timeout) {
        this.http = http;
        this.key = key;
        this.gateway = gateway;
        this.timeout = timeout;
        StringBuilder extra = new StringBuilder("&size=").append(size);
        if (sources != null) {
            extra.append("&sources=").append(encode(sources));
        }
        if (strategy != null) {
            extra.append("&strategy=").append(encode(strategy));
        }
        this.extraParameters = extra.toString();
    }

    /** An HTTP/1.1 client (one connection per concurrent request, reused). */
    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public CompletableFuture<Outcome> search(String query) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        gateway.resolve("/api/v1/search?q=" + encode(query) + extraParameters))
                .timeout(timeout).GET();
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        HttpRequest request = builder.build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(this::outcome)
                .exceptionally(e -> Outcome.error(rootCause(e)));
    }

    Outcome outcome(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            String body = response.body() == null ? "" : response.body();
            return Outcome.error("HTTP " + response.statusCode() + ": "
                    + body.substring(0, Math.min(200, body.length())));
        }
        try {
            JsonNode answer = json.readTree(response.body());
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

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
