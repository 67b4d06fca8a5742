package io.magpie.eval.kg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** kg-service's HTTP API as the benchmark uses it: product and ALSO_BOUGHT writes, and expansions. */
final class KgService {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final Duration timeout;

    KgService(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    void putProducts(Object products) throws IOException, InterruptedException {
        send("PUT", "/v1/graph/products", products);
    }

    void putAlsoBought(Object edges) throws IOException, InterruptedException {
        send("PUT", "/v1/graph/also-bought", edges);
    }

    /** The expansion's candidates. */
    JsonNode expand(Object request) throws IOException, InterruptedException {
        return json.readTree(send("POST", "/v1/expand", request));
    }

    private String send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
