package io.magpie.eval.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The helper against a real HTTP server on loopback (the JDK's), answering by path. */
class JsonHttpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String PROBLEM = """
            {"type":"urn:magpie:problem:400","title":"Invalid input","status":400,
             "detail":"texts[2]: must not be blank","errors":[{"field":"texts[2]","message":"must not be blank"}]}""";

    /** What the server saw of one request ({@code upgrade}: the HTTP/2 upgrade the client asked for, if any). */
    record Seen(
            String method,
            String pathAndQuery,
            String authorization,
            String contentType,
            String body,
            String upgrade) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private FakeServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer("/", this::answer);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(
                exchange.getRequestMethod(),
                exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                body,
                exchange.getRequestHeaders().getFirst("Upgrade")));
        switch (exchange.getRequestURI().getPath()) {
            case "/ok" ->
                FakeServer.answer(
                        exchange,
                        200,
                        new ObjectMapper()
                                .createObjectNode()
                                .put("received", body)
                                .toString());
            case "/accepted" -> FakeServer.answer(exchange, 202, "{\"id\": \"job-1\"}");
            case "/empty" -> FakeServer.answer(exchange, 204, "");
            case "/invalid" -> FakeServer.answer(exchange, 400, "application/problem+json", PROBLEM);
            case "/conflict" ->
                FakeServer.answer(
                        exchange,
                        409,
                        "application/problem+json",
                        "{\"status\":409,\"title\":\"Conflict\",\"detail\":\"a job is running\"}");
            case "/broken" -> FakeServer.answer(exchange, 502, "text/html", "<html>bad gateway</html>");
            case "/slow" -> {
                sleep(2_000);
                FakeServer.answer(exchange, 200, "{}");
            }
            default ->
                FakeServer.answer(
                        exchange, 404, "application/problem+json", "{\"status\":404,\"detail\":\"no such path\"}");
        }
    }

    private JsonHttp client(String key) {
        return JsonHttp.to(server.uri()).key(key).build();
    }

    @Test
    void sendsTheKeyAsBearerOnEveryRequestAndNoHeaderWithoutOne() throws Exception {
        JsonHttp withKey = client("s3cret");
        withKey.get("/ok", TIMEOUT);
        withKey.post("/ok", Map.of("a", 1), TIMEOUT);
        withKey.delete("/ok", TIMEOUT);
        withKey.getAsync("/ok?q=x", TIMEOUT).get();
        client(null).get("/ok", TIMEOUT);

        assertEquals(
                List.of("Bearer s3cret", "Bearer s3cret", "Bearer s3cret", "Bearer s3cret"),
                seen.subList(0, 4).stream().map(Seen::authorization).toList());
        assertNull(seen.get(4).authorization());
    }

    @Test
    void writesJsonAndNdjsonBodiesWithTheirContentTypes() throws Exception {
        JsonHttp http = client(null);

        JsonNode echoed = http.put("/ok", Map.of("ids", List.of("a", "b")), TIMEOUT);
        http.postNdjson("/ok", http.ndjson(List.of(Map.of("id", "p1"), Map.of("id", "p2"))), TIMEOUT);
        http.post("/ok", null, TIMEOUT);

        assertEquals(List.of("PUT", "application/json", "{\"ids\":[\"a\",\"b\"]}"), request(0));
        assertEquals("{\"ids\":[\"a\",\"b\"]}", echoed.path("received").asText(), "the answer is read as JSON");
        assertEquals(List.of("POST", "application/x-ndjson", "{\"id\":\"p1\"}\n{\"id\":\"p2\"}\n"), request(1));
        assertEquals(List.of("POST", "none", ""), request(2), "a null body sends none");
    }

    private List<String> request(int index) {
        Seen request = seen.get(index);
        return List.of(
                request.method(), request.contentType() == null ? "none" : request.contentType(), request.body());
    }

    @Test
    void anySuccessStatusIsAnAnswerAndAnEmptyOneReadsAsMissing() throws Exception {
        JsonHttp http = client(null);

        assertEquals(
                "job-1", http.post("/accepted", Map.of(), TIMEOUT).path("id").asText());
        assertTrue(http.delete("/empty", TIMEOUT).isMissingNode());
    }

    @Test
    void aProblemAnswerThrowsWithItsStatusAndDetail() {
        JsonHttp http = client("s3cret");

        HttpStatusException invalid = assertThrows(
                HttpStatusException.class,
                () -> http.post("/invalid?x=1", Map.of("texts", List.of("a", "b", " ")), TIMEOUT));
        assertEquals(400, invalid.status());
        assertEquals("texts[2]: must not be blank", invalid.detail());
        assertEquals("POST /invalid answered 400: texts[2]: must not be blank", invalid.getMessage());
        assertEquals(PROBLEM, invalid.body());
        assertFalse(invalid.getMessage().contains("s3cret"));

        HttpStatusException conflict = assertThrows(HttpStatusException.class, () -> http.get("/conflict", TIMEOUT));
        assertEquals(409, conflict.status());
        assertEquals("GET /conflict answered 409: a job is running", conflict.getMessage());

        HttpStatusException missing = assertThrows(HttpStatusException.class, () -> http.get("/nowhere", TIMEOUT));
        assertEquals(404, missing.status());
    }

    @Test
    void anAnswerThatIsNotAProblemKeepsItsBodyInTheError() {
        HttpStatusException broken =
                assertThrows(HttpStatusException.class, () -> client(null).get("/broken", TIMEOUT));

        assertEquals(502, broken.status());
        assertEquals("GET /broken answered 502: <html>bad gateway</html>", broken.getMessage());
    }

    @Test
    void theAsyncGetHandsBackEveryStatusForTheCallerToCount() throws Exception {
        JsonHttp http = JsonHttp.to(server.uri()).http1().build();

        HttpResponse<String> refused = http.getAsync("/invalid", TIMEOUT).get();
        HttpResponse<String> answered =
                http.getAsync("/ok?q=a%20b&size=10", TIMEOUT).get();

        assertEquals(400, refused.statusCode());
        assertEquals(PROBLEM, refused.body());
        assertEquals(200, answered.statusCode());
        assertEquals("/ok?q=a%20b&size=10", seen.get(1).pathAndQuery());
    }

    @Test
    void anHttp1ClientNeverAsksForAnHttp2Upgrade() throws Exception {
        client(null).get("/ok", TIMEOUT);
        JsonHttp.to(server.uri()).http1().build().get("/ok", TIMEOUT);

        assertEquals("h2c", seen.get(0).upgrade(), "the JDK's default asks first");
        assertNull(seen.get(1).upgrade());
    }

    @Test
    void eachCallHasItsOwnTimeout() {
        JsonHttp http = client(null);

        assertThrows(HttpTimeoutException.class, () -> http.get("/slow", Duration.ofMillis(200)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
