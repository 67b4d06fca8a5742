package io.magpie.eval.fusion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magpie.eval.GatewayClient;
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

/**
 * What the fusion evaluation asks of the running platform: the fuse request a search would send (gateway, trusted
 * key), training a LambdaMART version on labelled ones (fusion-service, admin key), and a search ranked by a named
 * version (gateway).
 */
final class FusionPlatform {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI gateway;
    private final URI fusion;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FusionPlatform(URI gateway, URI fusion, String key) {
        this.gateway = gateway;
        this.fusion = fusion;
        this.key = key;
    }

    /** {@code {request, degraded}}: the fuse request the gateway would send for the query. */
    JsonNode capture(String query, int depth, int size) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(gateway.resolve("/api/v1/search/fuse-request?q=" + encode(query)
                + "&depth=" + depth + "&size=" + size)).timeout(Duration.ofSeconds(120)).GET());
    }

    /** Trains a version on the examples ({@code {request, labels}}); answers the version's info. */
    JsonNode train(ArrayNode examples, String note) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.set("examples", examples);
        body.put("note", note);
        return send(HttpRequest.newBuilder(fusion.resolve("/v1/admin/models/lambdamart"))
                .timeout(Duration.ofMinutes(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    /** A search over all sources ranked by the named model version. */
    GatewayClient.SearchAnswer search(String query, int size, String model) throws IOException, InterruptedException {
        JsonNode answer = send(HttpRequest.newBuilder(gateway.resolve("/api/v1/search?q=" + encode(query) + "&size="
                + size + "&sources=dense,lexical,graph&strategy=model&model=" + encode(model)))
                .timeout(Duration.ofSeconds(120)).GET());
        List<String> ids = new ArrayList<>();
        answer.path("items").forEach(item -> ids.add(item.path("id").asText()));
        List<String> degraded = new ArrayList<>();
        answer.path("degraded").forEach(d -> degraded.add(d.asText()));
        return new GatewayClient.SearchAnswer(ids, degraded);
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpRequest built = request.build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new GatewayClient.StatusException(built.method() + " " + built.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body(), response.statusCode(), response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
