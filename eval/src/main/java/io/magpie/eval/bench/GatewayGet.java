package io.magpie.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.magpie.eval.http.JsonHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A load target that GETs one gateway path per item (a query, a user, a product) over HTTP/1.1 with keep-alive, as a
 * storefront back end would. An answer whose {@code degraded} list is not empty counts as degraded; a failed one is
 * counted, not thrown, so that the load keeps its pace.
 */
public class GatewayGet implements SearchTarget {

    private final JsonHttp http;
    private final Function<String, String> path;
    private final Duration timeout;

    /**
     * @param path the path (with query string) asked for an item
     * @param key  trusted or admin key, or null
     */
    public GatewayGet(URI gateway, Function<String, String> path, String key, Duration timeout) {
        // one client for all workers: one HTTP/1.1 connection per concurrent request, reused
        this.http = JsonHttp.to(gateway).key(key).http1().build();
        this.path = path;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Outcome> search(String item) {
        return http.getAsync(path.apply(item), timeout)
                .thenApply(this::outcome)
                .exceptionally(e -> Outcome.error(rootCause(e)));
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
