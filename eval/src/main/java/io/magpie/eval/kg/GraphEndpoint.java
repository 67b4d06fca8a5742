package io.magpie.eval.kg;

import com.fasterxml.jackson.databind.JsonNode;
import io.magpie.eval.http.JsonHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** kg-service's HTTP API as the benchmark uses it: product and ALSO_BOUGHT writes, and expansions. */
final class GraphEndpoint {

    private final JsonHttp http;
    private final Duration timeout;

    GraphEndpoint(URI base, Duration timeout) {
        this.http = JsonHttp.to(base).connectTimeout(Duration.ofSeconds(10)).build();
        this.timeout = timeout;
    }

    void putProducts(Object products) throws IOException, InterruptedException {
        http.put("/v1/graph/products", products, timeout);
    }

    void putAlsoBought(Object edges) throws IOException, InterruptedException {
        http.put("/v1/graph/also-bought", edges, timeout);
    }

    /** The expansion's candidates. */
    JsonNode expand(Object request) throws IOException, InterruptedException {
        return http.post("/v1/expand", request, timeout);
    }
}
