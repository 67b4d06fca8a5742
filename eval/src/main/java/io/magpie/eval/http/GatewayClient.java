package io.magpie.eval.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.magpie.api.catalog.Product;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The gateway's public and admin API as the eval tools use it. */
public final class GatewayClient {

    private static final String PRODUCTS = "/api/v1/admin/products";

    private final JsonHttp http;

    /** @param key admin or trusted key, or null */
    public GatewayClient(URI base, String key) {
        this(JsonHttp.to(base).key(key).build());
    }

    /** Over a client set up by the caller (the ingest benchmark's HTTP/1.1 one). */
    public GatewayClient(JsonHttp http) {
        this.http = http;
    }

    /** Sends one NDJSON chunk of products; answers the gateway's ingest result. */
    public JsonNode ingest(byte[] ndjson) throws IOException, InterruptedException {
        return ingest(ndjson, Duration.ofMinutes(30));
    }

    public JsonNode ingest(byte[] ndjson, Duration timeout) throws IOException, InterruptedException {
        return http.postNdjson(PRODUCTS, ndjson, timeout);
    }

    /** Sends products as one NDJSON request. */
    public JsonNode ingest(List<Product> products, Duration timeout) throws IOException, InterruptedException {
        return ingest(http.ndjson(products), timeout);
    }

    /** Deletes products by id (admin); they stay as tombstones, so their ids stay used. */
    public JsonNode delete(List<String> ids, Duration timeout) throws IOException, InterruptedException {
        return http.post(PRODUCTS + "/deletions", Map.of("ids", ids), timeout);
    }

    /**
     * How far indexing lags behind the catalogue: the gateway's relay of retrieval-service's status
     * ({@code pending}, {@code oldestAgeSeconds}, {@code lastError}, {@code reindex}).
     */
    public JsonNode indexing() throws IOException, InterruptedException {
        return http.get(PRODUCTS + "/indexing", Duration.ofSeconds(30));
    }

    /**
     * Waits until every committed catalogue change is in Milvus and the graph (ingest answers once PostgreSQL has
     * committed; indexing follows through retrieval-service's outbox).
     *
     * @return seconds waited
     */
    public double awaitIndexed(Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        JsonNode status = indexing();
        while (status.path("pending").asLong() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException("indexing still lags after " + timeout + ": " + status);
            }
            Thread.sleep(250);
            status = indexing();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Product ids of a search, best first. */
    public List<String> searchIds(String query, int size, String sources) throws IOException, InterruptedException {
        return search(query, size, sources, null).ids();
    }

    /**
     * A search's answer as an evaluation needs it.
     *
     * @param ids      product ids, best first
     * @param degraded the sources the gateway names as failed or timed out
     */
    public record SearchAnswer(List<String> ids, List<String> degraded) {}

    /**
     * Searches with the given sources and fusion strategy (each null for the gateway's default).
     *
     * @throws HttpStatusException when the gateway answers other than 2xx (400: a source or strategy it does not
     *                             know)
     */
    public SearchAnswer search(String query, int size, String sources, String strategy)
            throws IOException, InterruptedException {
        JsonNode answer = http.get(searchPath(query, size, sources, strategy), Duration.ofSeconds(30));
        List<String> ids = new ArrayList<>();
        answer.path("items").forEach(item -> ids.add(item.path("id").asText()));
        List<String> degraded = new ArrayList<>();
        answer.path("degraded").forEach(source -> degraded.add(source.asText()));
        return new SearchAnswer(ids, degraded);
    }

    /** {@code GET /api/v1/search} with its parameters; sources and strategy are left out when null. */
    public static String searchPath(String query, int size, String sources, String strategy) {
        StringBuilder uri = new StringBuilder("/api/v1/search?q=")
                .append(encode(query))
                .append("&size=")
                .append(size);
        if (sources != null) {
            uri.append("&sources=").append(encode(sources));
        }
        if (strategy != null) {
            uri.append("&strategy=").append(encode(strategy));
        }
        return uri.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
