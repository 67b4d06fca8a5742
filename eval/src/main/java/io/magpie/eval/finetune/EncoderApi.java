package io.magpie.eval.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magpie.api.encoder.FineTuningRequest;
import io.magpie.api.model.ModelRef;
import io.magpie.eval.http.JsonHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** encoder-service as the fine-tuning tools use it: encode with a chosen model version, start and follow jobs. */
public final class EncoderApi {

    private static final String JOBS = "/v1/admin/fine-tuning/jobs";

    private final JsonHttp http;

    public EncoderApi(URI base, String adminKey) {
        this.http = JsonHttp.to(base).key(adminKey).http1().build();
    }

    /** Unit vectors of {@code texts}, in order, from {@code model}. */
    public float[][] encode(ModelRef model, String kind, List<String> texts) throws IOException, InterruptedException {
        ObjectNode body =
                http.json().createObjectNode().put("model", model.toString()).put("kind", kind);
        texts.forEach(body.putArray("texts")::add);
        JsonNode vectors = http.post("/v1/encode", body, Duration.ofMinutes(5)).path("vectors");
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
        return http.post(JOBS, request, Duration.ofMinutes(2));
    }

    public JsonNode job(String id) throws IOException, InterruptedException {
        return http.get(JOBS + "/" + id, Duration.ofSeconds(30));
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
    public Optional<JsonNode> version(ModelRef model) throws IOException, InterruptedException {
        for (JsonNode entry : describe(model.name()).path("versions")) {
            if (entry.path("version").asText().equals(model.version())) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The version {@code name} serves now. */
    public ModelRef active(String name) throws IOException, InterruptedException {
        return ModelRef.of(name, describe(name).path("activeVersion").asText());
    }

    /** Loads a version next to the active one, so that requests may name it (admin). */
    public void load(ModelRef model) throws IOException, InterruptedException {
        http.post(loadPath(model), null, Duration.ofMinutes(5));
    }

    /** Frees a loaded version that is not active (admin). */
    public void unload(ModelRef model) throws IOException, InterruptedException {
        http.delete(loadPath(model), Duration.ofMinutes(1));
    }

    private JsonNode describe(String name) throws IOException, InterruptedException {
        return http.get("/v1/models/" + name, Duration.ofSeconds(30));
    }

    private static String loadPath(ModelRef model) {
        return "/v1/admin/models/" + model.name() + "/versions/" + model.version() + "/load";
    }
}
