package io.magpie.fusion.events;

import io.magpie.api.security.ServiceCredential;
import io.magpie.testsupport.MagpieRoot;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.magpie.testsupport.ScratchDirs;
import io.magpie.testsupport.ServiceJar;
import io.magpie.testsupport.TestServiceCredential;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The real catalogue for fusion-service's unknown-product flags: retrieval-service's packaged jar with its own
 * PostgreSQL and milvus-lite, holding the products {@link #KNOWN} with their categories. No encoder runs: the products are committed and
 * readable by id at once, while their indexing waits (retrying) in the outbox, which these tests do not need.
 */
public class CatalogueTestResource implements QuarkusTestResourceLifecycleManager {

    /** Product id -> category path (levels as JSON strings); the CAT-P products are for popularity. */
    static final Map<String, String> KNOWN = Map.of(
            "CAT-1",
            "",
            "CAT-2",
            "",
            "CAT-3",
            "",
            "CAT-P1",
            "\"Kitchen\",\"Drinkware\"",
            "CAT-P2",
            "\"Kitchen\",\"Cookware\"",
            "CAT-P3",
            "\"Garden\"");

    /** retrieval-service's admin key, also fusion-service's key for writing item vectors there. */
    static final String KEY = "catalogue-admin-key";

    private final PostgresTestResource postgres = new PostgresTestResource();
    private final MilvusTestResource milvus = new MilvusTestResource();
    private Path scratch;
    private ServiceJar retrieval;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(postgres.start());
        milvus.init(Map.of());
        config.putAll(milvus.start());
        config.put("magpie.admin-keys", KEY);
        config.put("magpie.retrieval.graph-sync.enabled", "false");
        config.put("quarkus.rest-client.encoder.url", "http://127.0.0.1:9");
        scratch = MagpieRoot.scratch("catalogue");
        retrieval = new ServiceJar("retrieval-service", config, scratch);
        retrieval.start();
        String products = KNOWN.entrySet().stream()
                .map(product -> "{\"id\":\"" + product.getKey()
                        + "\",\"title\":\"Catalogue product " + product.getKey() + "\",\"category\":["
                        + product.getValue() + "]}")
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(retrieval.url() + "/v1/products"))
                                    .timeout(Duration.ofMinutes(1))
                                    .header("Authorization", "Bearer " + KEY)
                                    .header(ServiceCredential.HEADER, TestServiceCredential.VALUE)
                                    .header("Content-Type", "application/x-ndjson")
                                    .POST(HttpRequest.BodyPublishers.ofString(products))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("cannot load the test catalogue: " + response.body());
            }
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("cannot load the test catalogue", e);
        }
        // a long timeout: the tests here are about the flags, not about a slow catalogue
        Map<String, String> tested = new HashMap<>(TestServiceCredential.forServiceUnderTest());
        tested.put("quarkus.rest-client.retrieval.url", retrieval.url());
        tested.put("magpie.fusion.events.catalogue-timeout", "20s");
        tested.put("magpie.fusion.collaborative.retrieval-admin-key", KEY);
        return tested;
    }

    @Override
    public void stop() {
        try {
            if (retrieval != null) {
                retrieval.stop();
                retrieval = null;
            }
        } finally {
            try {
                milvus.stop();
            } finally {
                postgres.stop();
                ScratchDirs.delete(scratch);
                scratch = null;
            }
        }
    }
}
