package io.magpie.eval.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magpie.api.encoder.FineTuningRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** encoder-service as the fine-tuning tools use it: encode with a chosen model version, start and follow jobs. */
public final class EncoderApi {

    private static final String JOBS = "/v1/admin/fine-tuning/jobs";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String adminKey;

    public EncoderApi(URI base, String adminKey) {
        this.base = base;
        this.adminKey = adminKey;
    }

    /** Unit vectors of {@code texts}, in order, from {@code model} ({@code name@version}). */
    public float[][] encode(String model, String kind, List<String> texts) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("model", model).put("kind", kind);
        texts.forEach(body.putArray("texts")::add);
        JsonNode answer = send("POST", "/v1/encode", body, 200, Duration.ofMinutes(5));
        JsonNode vectors = answer.path("vectors");
        float[][] result = new float[vectors.size()][];
        for (int i = 0; i < result.length; i++) {
            JsonNode vector = vectors.get(i);
            result[i] = new float[vector.size()];
            for (int d = 0; d < result[i].length; d++) {
                result[i][d] = (float) vector.get(d).asDouble();
            }
        }
        if (result.length != texts.size()) {
            throw new IOException("asked for " + texts.size() + " vectors, got " + result.length);
        }
        return result;
    }

    /** Starts a job; the answer is the job as the service describes it (id, state, newModel, ...). */
    public JsonNode startJob(FineTuningRequest request) throws IOException, InterruptedException {
        return send("POST", JOBS, json.valueToTree(request), 202, Duration.ofMinutes(2));
    }

    public JsonNode job(String id) throws IOException, InterruptedException {
        return send("GET", JOBS + "/" + id, null, 200, Duration.ofSeconds(30));
    }

    /**
     * Polls the job every {@code every} until it succeeds or fails, telling {@code onProgress} each time.
     *
     * @return the finished job
     */
    public JsonNode await(String id, Duration every, Consumer<JsonNode> onProgress)
            throws IOException, InterruptedException {
        while (true) {
            JsonNode job = job(id);
            onProgress.accept(job);
            String state = job.path("state").asText();
            if (state.equals("succeeded") || state.equals("failed")) {
                return job;
            }
            Thread.sleep(every.toMillis());
        }
    }

    /** The version's entry in {@code GET /v1/models/{name}} (with its training metadata), if it exists. */
    public Optional<JsonNode> version(String name, String version) throws IOException, InterruptedException {
        for (JsonNode entry : send("GET", "/v1/models/" + name, null, 200, Duration.ofSeconds(30)).path("versions")) {
            if (entry.path("version").asText().equals(version)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The version {@code name} serves now. */
    public String activeVersion(String name) throws IOException, InterruptedException {
        return send("GET", "/v1/models/" + name, null, 200, Duration.ofSeconds(30)).path("activeVersion").asText();
    }

    /** Loads a version next to the active one, so that requests may name it (admin). */
    public void load(String name, String version) throws IOException, InterruptedException {
        send("POST", "/v1/admin/models/" + name + "/versions/" + version + "/load", null, 200, Duration.ofMinutes(5));
    }

    /** Frees a loaded version that is not active (admin). */
    public void unload(String name, String version) throws IOException, InterruptedException {
        send("DELETE", "/v1/admin/models/" + name + "/versions/" + version + "/load", null, 200,
                Duration.ofMinutes(1));
    }

    private JsonNode send(String method, String path, JsonNode body, int expected, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Accept", "application/json");
        if (adminKey != null) {
            request.header("Authorization", "Bearer " + adminKey);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return json.readTree(response.body());
    }
}
