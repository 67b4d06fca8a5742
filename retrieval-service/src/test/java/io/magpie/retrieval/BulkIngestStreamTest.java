package io.magpie.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.catalog.IngestResult;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 25,000 products (about 100 ingest batches) in one streamed request: the body is generated while it is sent (neither side ever holds it
 * whole), and the service commits it batch by batch with one outbox row per product. The outbox worker is off
 * here, so the outbox shows exactly what the ingest queued and nothing gets encoded.
 */
@QuarkusTest
@TestProfile(BulkIngestStreamTest.OutboxOnly.class)
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
class BulkIngestStreamTest {

    private static final int PRODUCTS = 25_000;

    /** The catalogue and its outbox without the worker that drains it. */
    public static class OutboxOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("magpie.retrieval.indexing.enabled", "false");
        }
    }

    @Test
    void storesManyStreamedProductsAndQueuesEachOnce() throws Exception {
        // the port RestAssured talks to is the one this test's application listens on
        URI products = URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port + "/v1/products");
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(products)
                                .header("Authorization", Catalogue.ADMIN)
                                .header("Content-Type", Catalogue.NDJSON)
                                .timeout(Duration.ofMinutes(10))
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> generated(PRODUCTS)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        IngestResult result = new ObjectMapper().readValue(response.body(), IngestResult.class);
        assertEquals(PRODUCTS, result.accepted());
        assertEquals(0, result.rejected());
        assertEquals(PRODUCTS, result.changed());
        assertEquals(PRODUCTS, result.pendingIndexing());
        given().queryParam("ids", "BULK-000000", "BULK-024999", "BULK-025000")
                .when()
                .get("/v1/products")
                .then()
                .statusCode(200)
                .body("id", contains("BULK-000000", "BULK-024999"))
                .body("version", contains(1, 1));
        given().when()
                .get("/v1/products/indexing")
                .then()
                .statusCode(200)
                .body("pending", org.hamcrest.Matchers.equalTo(PRODUCTS));
    }

    /** {@code count} product lines, each made when the reader reaches it. */
    private static InputStream generated(int count) {
        Enumeration<InputStream> lines = new Enumeration<>() {
            private int next;

            @Override
            public boolean hasMoreElements() {
                return next < count;
            }

            @Override
            public InputStream nextElement() {
                int i = next++;
                String line = String.format(
                        "{\"id\":\"BULK-%06d\",\"title\":\"Generated product %d, cotton crew "
                                + "socks in size %d\",\"brand\":\"Brand %d\",\"category\":[\"Clothing\",\"Socks\"],"
                                + "\"attributes\":{\"material\":[\"cotton\"],\"size\":[\"%d\"]},\"price\":%d.99,"
                                + "\"currency\":\"EUR\",\"inStock\":true,\"bulletPoints\":[\"Soft\",\"Durable\"]}%n",
                        i, i, i % 13, i % 101, i % 13, i % 50);
                return new java.io.ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8));
            }
        };
        return new SequenceInputStream(lines);
    }
}
