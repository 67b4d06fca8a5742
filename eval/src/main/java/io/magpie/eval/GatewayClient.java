package io.magpie.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The gateway's public API over plain HTTP. */
public final class GatewayClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String adminKey;  // admin or trusted key, may be null

    public GatewayClient(URI base, String adminKey) {
        this.base = base;
        this.adminKey = adminKey;
    }

    /** Sends one NDJSON chunk of products; answers the gateway's ingest result. */
    public JsonNode ingest(byte[] ndjson) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/admin/products"))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", "Bearer " + adminKey)
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(ndjson))
                .build();
        return send(request);
    }

    /**
     * How far indexing lags behind the catalogue: the gateway's relay of retrieval-service's status
     * ({@code pending}, {@code oldestAgeSeconds}, {@code lastError}, {@code reindex}).
     */
    public JsonNode indexing() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/admin/products/indexing"))
                .header("Authorization", "Bearer " + adminKey)
                .timeout(Duration.ofSeconds(30)).GET().build();
        return send(request);
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
    public record SearchAnswer(List<String> ids, List<String> degraded) {
    }

    /**
     * Searches with the given sources and fusion strategy (each null for the gateway's default).
     *
     * @throws StatusException when the gateway answers other than 2xx (400: a source or strategy it does not know)
     */
    public SearchAnswer search(String query, int size, String sources, String strategy)
            throws IOException, InterruptedException {
        StringBuilder uri = new StringBuilder("/api/v1/search?q=").append(encode(query)).append("&size=").append(size);
        if (sources != null) {
            uri.append("&sources=").append(encode(sources));
        }
        if (strategy != null) {
            uri.append("&strategy=").append(encode(strategy));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(uri.toString()))
                .timeout(Duration.ofSeconds(30)).GET();
        if (adminKey != null) {
            request.header("Authorization", "Bearer " + adminKey);
        }
        JsonNode answer = send(request.build());
        List<String> ids = new ArrayList<>();
        answer.path("items").forEach(item -> ids.add(item.path("id").asText()));
        List<String> degraded = new ArrayList<>();
        answer.path("degraded").forEach(source -> degraded.add(source.asText()));
        return new SearchAnswer(ids, degraded);
    }

    /** A non-2xx answer, with its status and body (problem+json). */
    public static final class StatusException extends IOException {
        private final int status;
        private final String body;

        public StatusException(String message, int status, String body) {
            super(message);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new StatusException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body(), response.statusCode(), response.body());
        }
        return json.readTree(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
