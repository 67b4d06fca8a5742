package io.magpie.eval.fusion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magpie.eval.http.JsonHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fusion evaluation asks of the running platform: the fuse request a search would send (gateway, trusted
 * key), training a learned-ranker version (LambdaMART or attention) on labelled ones (fusion-service, admin key),
 * and the ranking a named version gives a captured request (fusion-service).
 */
final class FusionPlatform {

    private final JsonHttp gateway;
    private final JsonHttp fusion;

    FusionPlatform(URI gateway, URI fusion, String key) {
        this.gateway = JsonHttp.to(gateway).key(key).build();
        // training answers after minutes of CPU; HTTP/1.1 as for the other long admin calls
        this.fusion = JsonHttp.to(fusion).key(key).http1().build();
    }

    /** {@code {request, degraded}}: the fuse request the gateway would send for the query. */
    JsonNode capture(String query, int depth, int size) throws IOException, InterruptedException {
        return gateway.get(
                "/api/v1/search/fuse-request?q=" + encode(query) + "&depth=" + depth + "&size=" + size,
                Duration.ofSeconds(120));
    }

    /** Trains a version of the kind on the examples ({@code {request, labels}}); answers the version's info. */
    JsonNode train(ModelKind kind, ArrayNode examples, String note) throws IOException, InterruptedException {
        return train(kind, null, examples, note);
    }

    /** As above, fitting the named LambdaMART variant (null: fusion-service's default, the best by inner CV). */
    JsonNode train(ModelKind kind, String variant, ArrayNode examples, String note)
            throws IOException, InterruptedException {
        return train(kind, variant, null, examples, note);
    }

    /**
     * As above; {@code bagged}: whether the LambdaMART version is the mean of the refit and the inner-fold models
     * (docs/adr/0042), null for fusion-service's default.
     */
    JsonNode train(ModelKind kind, String variant, Boolean bagged, ArrayNode examples, String note)
            throws IOException, InterruptedException {
        ObjectNode body = fusion.json().createObjectNode();
        body.set("examples", examples);
        body.put("note", note);
        List<String> query = new ArrayList<>();
        if (variant != null) {
            query.add("variant=" + encode(variant));
        }
        if (bagged != null) {
            query.add("bagged=" + bagged);
        }
        String path = "/v1/admin/models/" + kind.label() + (query.isEmpty() ? "" : "?" + String.join("&", query));
        return fusion.post(path, body, Duration.ofMinutes(30));
    }

    /**
     * The ids fusion-service ranks for a captured fuse request: by the named model version, or (model null) by
     * the fixed strategy named.
     */
    List<String> fuse(JsonNode request, String strategy, String model) throws IOException, InterruptedException {
        ObjectNode body = request.deepCopy();
        body.put("strategy", strategy);
        if (model != null) {
            body.put("model", model);
        } else {
            body.remove("model");
        }
        body.remove("explain");
        List<String> ids = new ArrayList<>();
        fusion.post("/v1/fuse", body, Duration.ofSeconds(120))
                .path("items")
                .forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    /** Makes a version the one the storefront gets. */
    void activate(String model) throws IOException, InterruptedException {
        ObjectNode body = fusion.json().createObjectNode();
        body.put("model", model);
        fusion.put("/v1/admin/models/active", body, Duration.ofMinutes(2));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
