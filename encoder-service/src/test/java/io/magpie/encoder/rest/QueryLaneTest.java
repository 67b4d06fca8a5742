package io.magpie.encoder.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.encoder.EncodeRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Queries have a lane of their own: while bulk document encodes fill the document queue, a query is answered
 * before they are done, where one shared queue would have made it wait behind every text queued before it.
 */
@QuarkusTest
class QueryLaneTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1/encode")
    URI encode;

    @Test
    void aQueryIsAnsweredWhileBulkDocumentEncodesAreStillQueued() throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (given().get("/q/health/ready").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "not ready after 3 minutes");
            Thread.sleep(200);
        }
        String document = "Stainless steel insulated water bottle with a leak-proof lid, keeps drinks cold for 24 "
                + "hours and hot for 12, fits car cup holders, dishwasher safe, free of BPA. ";
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        CompletableFuture<HttpResponse<String>> bulk = client.sendAsync(
                post(JSON.writeValueAsString(EncodeRequest.documents(Collections.nCopies(256, document)))),
                HttpResponse.BodyHandlers.ofString());
        Pattern queued = Pattern.compile("magpie_encoder_queue_length\\{lane=\"document\"\\} ([0-9.]+)");
        double waiting = 0;
        while (waiting < 64) { // until the documents are queued (the forward thread takes a few at a time)
            assertTrue(System.nanoTime() < deadline + 120_000_000_000L && !bulk.isDone(), "documents never queued");
            Matcher length = queued.matcher(given().get("/q/metrics").asString());
            waiting = length.find() ? Double.parseDouble(length.group(1)) : 0;
        }

        HttpResponse<String> query = client.send(
                post(JSON.writeValueAsString(EncodeRequest.queries(List.of("insulated water bottle")))),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, query.statusCode(), query.body());
        assertFalse(bulk.isDone(), "the query was answered only after the documents queued before it");
        assertEquals(200, bulk.get().statusCode());
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(encode)
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
