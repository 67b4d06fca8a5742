package io.magpie.encoder.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.encoder.EncodeRequest;
import io.magpie.api.encoder.EncodeResponse;
import io.magpie.api.problem.Problem;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 2,000 encode requests at once. With a queue of 256 texts some must wait their turn: every answer is a 200
 * with the right vector or the documented 503 problem with Retry-After, nothing else; and texts of different
 * requests share forward passes.
 */
@QuarkusTest
@TestProfile(EncodeBurstTest.SmallQueue.class)
class EncodeBurstTest {

    private static final int REQUESTS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class SmallQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The queue's behaviour does not depend on the model: the 6-layer one keeps the burst short.
            return Map.of(
                    "magpie.encoder.queue-capacity",
                    "256",
                    "magpie.encoder.max-batch-size",
                    "32",
                    "magpie.encoder.model",
                    "all-minilm-l6-v2",
                    "magpie.encoder.load",
                    "all-minilm-l6-v2");
        }
    }

    @TestHTTPResource("/v1/encode")
    URI encode;

    @Test
    void aBurstOfTwoThousandRequestsGetsOnlyCorrectVectorsOrDocumented503s() throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (given().get("/q/health/ready").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "not ready after 3 minutes");
            Thread.sleep(200);
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.add("product number " + i + (i % 3 == 0 ? " with a much longer description of what it does" : ""));
        }
        List<float[]> expected = new ArrayList<>();
        for (String text : texts) {
            expected.add(given().contentType(ContentType.JSON)
                    .body(EncodeRequest.queries(List.of(text)))
                    .post("/v1/encode")
                    .then()
                    .statusCode(200)
                    .extract()
                    .as(EncodeResponse.class)
                    .vectors()
                    .get(0));
        }

        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String body = JSON.writeValueAsString(EncodeRequest.queries(List.of(texts.get(i % texts.size()))));
            responses.add(client.sendAsync(
                    HttpRequest.newBuilder(encode)
                            .timeout(Duration.ofMinutes(3))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            HttpResponse<String> response = responses.get(i).get();
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() == 200) {
                JsonNode vector = JSON.readTree(response.body()).get("vectors").get(0);
                float[] actual = new float[vector.size()];
                for (int d = 0; d < actual.length; d++) {
                    actual[d] = vector.get(d).floatValue();
                }
                assertArrayEquals(expected.get(i % texts.size()), actual, 1e-5f, "request " + i);
            } else {
                assertEquals(503, response.statusCode(), response.body());
                assertTrue(
                        response.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE));
                assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
                assertTrue(response.body().contains("Encoder busy"), response.body());
            }
        }
        System.out.println("burst of " + REQUESTS + " requests: statuses " + statuses);
        assertTrue(statuses.getOrDefault(200, 0) > 0, statuses::toString);

        // Requests of one text each were batched together: some forward pass held more than one text.
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher max = Pattern.compile("magpie_encoder_batch_size_max\\{[^}]*\\} ([0-9.]+)")
                .matcher(metrics);
        double largest = 0;
        while (max.find()) {
            largest = Math.max(largest, Double.parseDouble(max.group(1)));
        }
        assertTrue(largest > 1, "largest forward pass: " + largest + " texts");
    }
}
