package io.magpie.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magpie.eval.http.JsonHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * encoder-service's {@code POST /v1/encode} as the encoder benchmark calls it: texts sent as documents over
 * HTTP/1.1 to the default model or a named one, vectors counted but not parsed into floats. Remembers the model that answered.
 */
final class EncoderEndpoint implements TextEncoder {

    private final JsonHttp http;
    private final Duration timeout;
    private final String requestedModel;
    private volatile String model;
    private volatile int truncated;

    /** @param requestedModel sent as the request's {@code model}; null for the service's default model */
    EncoderEndpoint(URI encoder, Duration timeout, String requestedModel) {
        this.http = JsonHttp.to(encoder).http1().build();
        this.timeout = timeout;
        this.requestedModel = requestedModel;
    }

    @Override
    public int encode(List<String> texts) throws IOException, InterruptedException {
        ObjectNode body = http.json().createObjectNode().put("kind", "document");
        if (requestedModel != null) {
            body.put("model", requestedModel);
        }
        texts.forEach(body.putArray("texts")::add);
        JsonNode answer = http.post("/v1/encode", body, timeout);
        model = answer.path("model").asText() + " version "
                + answer.path("version").asText() + ", dim "
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
