package io.magpie.eval.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.security.ServiceCredential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * JSON over HTTP as the eval tools speak it to one Magpie service: one {@link HttpClient} and one
 * {@link ObjectMapper}, the key as {@code Authorization: Bearer} and the service credential when there is one
 * ({@link StackServiceCredential}), JSON and NDJSON bodies, and a 2xx check whose
 * {@link HttpStatusException} carries the problem+json detail. Each call names its own timeout: a bulk ingest may
 * take minutes, a search seconds.
 */
public final class JsonHttp {

    public static final String NDJSON = "application/x-ndjson";
    private static final String JSON = "application/json";

    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String key;
    private final Optional<String> serviceCredential = StackServiceCredential.find();

    private JsonHttp(HttpClient client, URI base, String key) {
        this.client = client;
        this.base = base;
        this.key = key;
    }

    /** A client for the service at {@code base} (scheme, host and port; paths are resolved against it). */
    public static Builder to(URI base) {
        return new Builder(base);
    }

    /** How to reach the service: key, protocol version and connect timeout. */
    public static final class Builder {
        private final URI base;
        private String key;
        private HttpClient.Version version;
        private Duration connectTimeout = Duration.ofSeconds(5);

        private Builder(URI base) {
            this.base = base;
        }

        /** Sent as {@code Authorization: Bearer <key>} on every request; null sends none. */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        /**
         * HTTP/1.1 only, one keep-alive connection per request in flight. The load generators need it: the JDK's
         * default tries an HTTP/2 upgrade first, which is not how a storefront back end talks to the gateway.
         */
        public Builder http1() {
            this.version = HttpClient.Version.HTTP_1_1;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public JsonHttp build() {
            HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(connectTimeout);
            if (version != null) {
                client.version(version);
            }
            return new JsonHttp(client.build(), base, key);
        }
    }

    /** The mapper that reads the answers and writes the bodies, for callers that build or read JSON themselves. */
    public ObjectMapper json() {
        return json;
    }

    public JsonNode get(String path, Duration timeout) throws IOException, InterruptedException {
        return send("GET", path, BodyPublishers.noBody(), null, timeout);
    }

    /** POSTs {@code body} as JSON; a null body sends none. */
    public JsonNode post(String path, Object body, Duration timeout) throws IOException, InterruptedException {
        return sendJson("POST", path, body, timeout);
    }

    public JsonNode put(String path, Object body, Duration timeout) throws IOException, InterruptedException {
        return sendJson("PUT", path, body, timeout);
    }

    public JsonNode delete(String path, Duration timeout) throws IOException, InterruptedException {
        return send("DELETE", path, BodyPublishers.noBody(), null, timeout);
    }

    /** POSTs lines that are already NDJSON (one JSON value per line). */
    public JsonNode postNdjson(String path, byte[] lines, Duration timeout) throws IOException, InterruptedException {
        return send("POST", path, BodyPublishers.ofByteArray(lines), NDJSON, timeout);
    }

    /** {@code items} as NDJSON: one JSON value per line, each line ended by a newline. */
    public byte[] ndjson(Collection<?> items) throws IOException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (Object item : items) {
            lines.write(json.writeValueAsBytes(item));
            lines.write('\n');
        }
        return lines.toByteArray();
    }

    /**
     * Starts a GET and hands back the raw answer, whatever its status: for load generators, which count failures
     * instead of throwing and must not wait for one request before sending the next.
     */
    public CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery, Duration timeout) {
        return client.sendAsync(request(pathAndQuery, timeout).GET().build(), BodyHandlers.ofString());
    }

    private JsonNode sendJson(String method, String path, Object body, Duration timeout)
            throws IOException, InterruptedException {
        return body == null
                ? send(method, path, BodyPublishers.noBody(), null, timeout)
                : send(method, path, BodyPublishers.ofByteArray(json.writeValueAsBytes(body)), JSON, timeout);
    }

    private JsonNode send(String method, String path, BodyPublisher body, String contentType, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path, timeout).method(method, body);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        HttpRequest request = builder.build();
        HttpResponse<byte[]> response = client.send(request, BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new HttpStatusException(
                    method + " " + request.uri().getPath(),
                    response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8));
        }
        return json.readTree(response.body());
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        // internal services demand it; the gateway ignores it
        serviceCredential.ifPresent(credential -> request.header(ServiceCredential.HEADER, credential));
        return request;
    }
}
