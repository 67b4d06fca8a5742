package io.magpie.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** encoder-service's {@code POST /v1/encode}, texts sent as documents. Remembers the model that answered. */
final class EncoderService implements TextEncoder {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI endpoint;
    private final Duration timeout;
    private volatile String model;
    private volatile int truncated;

    EncoderService(URI encoder, Duration timeout) {
        this.endpoint = encoder.resolve("/v1/encode");
        this.timeout = timeout;
    }

    @Override
    public int encode(List<String> texts) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("kind", "document");
        texts.forEach(body.putArray("texts")::add);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("POST /v1/encode answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        JsonNode answer = json.readTree(response.body());
        model = answer.path("model").asText() + " version " + answer.path("version").asText() + ", dim "
                + answer.path("dim").asInt();
        truncated += answer.path("truncated").size();
        return answer.path("vectors").size();
    }

    /** The model, version and dimension of the last answer. */
    String model() {
        return model;
    }

    /** Texts the encoder reported as cut at its maximum length, over all calls. */
    int truncated() {
        return truncated;
    }
}
