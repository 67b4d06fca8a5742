package io.magpie.encoder.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.encoder.BinaryVectors;
import io.magpie.api.encoder.EncodeRequest;
import io.magpie.api.encoder.EncodeResponse;
import io.magpie.api.encoder.TextKind;
import io.magpie.api.problem.Problem;
import io.magpie.encoder.model.ModelSpec;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class EncodeResourceTest {

    private static final String MINILM = ModelSpec.ALL_MINILM_L6_V2.name();
    private static final String BGE = ModelSpec.BGE_SMALL_EN_V1_5.name();

    /** What a request without a model gets. */
    @ConfigProperty(name = "magpie.encoder.model")
    String defaultModel;

    @BeforeEach
    void modelIsReady() throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (given().get("/q/health/ready").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "model not ready after 3 minutes");
            Thread.sleep(200);
        }
    }

    @Test
    void encodesTextsIntoUnitVectorsInRequestOrder() {
        EncodeResponse response =
                encode(List.of("paper towels", "Bounty paper towel rolls for the kitchen", "laptop battery charger"));

        assertEquals(defaultModel, response.model());
        assertEquals("1", response.version());
        assertEquals(384, response.dim());
        assertEquals(3, response.vectors().size());
        assertEquals(List.of(), response.truncated());
        for (float[] vector : response.vectors()) {
            assertEquals(384, vector.length);
            assertEquals(1.0, Math.sqrt(dot(vector, vector)), 1e-5);
        }
        double towels = dot(response.vectors().get(0), response.vectors().get(1));
        double charger = dot(response.vectors().get(0), response.vectors().get(2));
        assertTrue(towels > charger + 0.2, "paper towels~towel rolls " + towels + " vs ~charger " + charger);
    }

    @Test
    void batchingAndPaddingDoNotChangeVectors() {
        // More texts than the test profile's batch size (4), of very different lengths, out of length order.
        List<String> texts = List.of(
                "usb-c cable",
                "Stainless steel insulated water bottle with a leak-proof lid, keeps drinks cold for 24 hours",
                "tent",
                "Wireless noise cancelling over-ear headphones",
                "AA batteries, 48 pack",
                "Cast iron skillet, pre-seasoned, 12 inch, oven safe, works on induction, gas and electric stoves",
                "dog leash",
                "Organic green tea bags");

        EncodeResponse together = encode(texts);

        for (int i = 0; i < texts.size(); i++) {
            float[] alone = encode(List.of(texts.get(i))).vectors().get(0);
            assertEquals(1.0, dot(alone, together.vectors().get(i)), 1e-5, "text " + i);
        }
    }

    @Test
    void reportsWhichTextsWereTruncated() {
        String longText = "A sturdy shelf for the garage that holds paint cans and tools. ".repeat(40);

        EncodeResponse response = encode(List.of("shelf", longText, "garage shelf", longText));

        assertEquals(List.of(1, 3), response.truncated());
        assertEquals(4, response.vectors().size());
    }

    @Test
    void bulkCallersGetTheSameVectorsAsBinaryRows() {
        String longText = "A sturdy shelf for the garage that holds paint cans and tools. ".repeat(40);
        List<String> texts = List.of("shelf", longText, "garage shelf");
        EncodeResponse json = encode(texts);

        byte[] body = given().contentType(ContentType.JSON)
                .accept(BinaryVectors.MEDIA_TYPE)
                .body(EncodeRequest.documents(texts))
                .post("/v1/encode")
                .then()
                .statusCode(200)
                .contentType(startsWith(BinaryVectors.MEDIA_TYPE))
                .extract()
                .asByteArray();
        EncodeResponse binary = BinaryVectors.read(body);

        assertEquals(json.model(), binary.model());
        assertEquals(json.version(), binary.version());
        assertEquals(384, binary.dim());
        assertEquals(List.of(1), binary.truncated());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(1.0, dot(json.vectors().get(i), binary.vectors().get(i)), 1e-5, "text " + i);
        }
        assertTrue(body.length < 3 * 384 * 4 + 64, "binary body of " + body.length + " bytes");
    }

    @Test
    void jsonStaysTheDefaultAndErrorsStayProblems() {
        given().contentType(ContentType.JSON)
                .body(EncodeRequest.queries(List.of("garden hose")))
                .post("/v1/encode")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON);
        given().contentType(ContentType.JSON)
                .accept("*/*")
                .body(EncodeRequest.queries(List.of("garden hose")))
                .post("/v1/encode")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON);
        given().contentType(ContentType.JSON)
                .accept(BinaryVectors.MEDIA_TYPE)
                .body(Map.of("texts", List.of(" ")))
                .post("/v1/encode")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("errors.field", hasItem("texts[0]"));
    }

    @Test
    void queriesAndDocumentsGetTheSameVectorsFromTheirOwnLanes() {
        // MiniLM has no query or document prefix: only the lane (and its thread count) differs.
        List<String> texts = List.of("usb-c cable", "Wireless noise cancelling over-ear headphones");
        EncodeResponse asDocuments = encode(MINILM, TextKind.DOCUMENT, texts);
        EncodeResponse asQueries = encode(MINILM, TextKind.QUERY, texts);

        for (int i = 0; i < texts.size(); i++) {
            assertEquals(
                    1.0, dot(asDocuments.vectors().get(i), asQueries.vectors().get(i)), 1e-5, "text " + i);
        }
    }

    @Test
    void bgeReadsQueriesWithItsRetrievalInstruction() {
        String prefix = ModelSpec.BGE_SMALL_EN_V1_5.queryPrefix();
        List<String> texts = List.of("usb-c cable", "Wireless noise cancelling over-ear headphones");
        EncodeResponse asQueries = encode(BGE, TextKind.QUERY, texts);
        EncodeResponse asDocuments = encode(BGE, TextKind.DOCUMENT, texts);
        EncodeResponse instructed = encode(
                BGE, TextKind.DOCUMENT, texts.stream().map(t -> prefix + t).toList());

        for (int i = 0; i < texts.size(); i++) {
            assertEquals(
                    1.0, dot(asQueries.vectors().get(i), instructed.vectors().get(i)), 1e-5, "text " + i);
            assertTrue(dot(asQueries.vectors().get(i), asDocuments.vectors().get(i)) < 0.99, "text " + i);
        }
    }

    @Test
    void acceptsItsOwnModelNameAndAKind() {
        given().contentType(ContentType.JSON)
                .body(Map.of("model", "all-minilm-l6-v2", "kind", "query", "texts", List.of("garden hose")))
                .post("/v1/encode")
                .then()
                .statusCode(200)
                .body("dim", equalTo(384))
                .body("truncated", empty());
    }

    static List<Arguments> invalidRequests() {
        List<String> tooMany = new ArrayList<>(Collections.nCopies(257, "text"));
        List<String> withNull = new ArrayList<>(List.of("fine", "also fine"));
        withNull.add(null);
        return List.of(
                Arguments.of("no texts", Map.of("model", "all-minilm-l6-v2"), "texts"),
                Arguments.of("empty texts", Map.of("texts", List.of()), "texts"),
                Arguments.of("null text", Map.of("texts", withNull), "texts[2]"),
                Arguments.of("blank text", Map.of("texts", List.of("fine", " \t")), "texts[1]"),
                Arguments.of("too many texts", Map.of("texts", tooMany), "texts"),
                Arguments.of("unknown model", Map.of("model", "gpt-9", "texts", List.of("hi")), "model"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void invalidInputIsAProblemNamingTheField(String why, Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/encode")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field))
                .body("detail", containsString(field));
    }

    @Test
    void unknownModelIsNamedInTheProblem() {
        given().contentType(ContentType.JSON)
                .body(Map.of("model", "gpt-9", "texts", List.of("hi")))
                .post("/v1/encode")
                .then()
                .statusCode(400)
                .body("detail", containsString("gpt-9"));
    }

    @Test
    void malformedOrMissingBodyIsAProblem() {
        given().contentType(ContentType.JSON)
                .body("{\"texts\": [")
                .post("/v1/encode")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE));
        given().contentType(ContentType.JSON)
                .post("/v1/encode")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE));
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "banana", "texts", List.of("hi")))
                .post("/v1/encode")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE));
    }

    @Test
    void readinessMetricsAndOpenApiAreServed() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("encoder-model"))
                .body("checks.find { it.name == 'encoder-model' }.data.dim", equalTo(384));
        encode(List.of("metrics please"));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("magpie_encoder_texts_total"))
                .body(containsString("magpie_encoder_batch_duration_seconds"));
        given().get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/v1/encode"))
                .body(containsString("Magpie encoder service"));
    }

    private static EncodeResponse encode(String model, TextKind kind, List<String> texts) {
        return given().contentType(ContentType.JSON)
                .body(new EncodeRequest(model, kind, texts))
                .post("/v1/encode")
                .then()
                .statusCode(200)
                .extract()
                .as(EncodeResponse.class);
    }

    private static EncodeResponse encode(List<String> texts) {
        return given().contentType(ContentType.JSON)
                .body(EncodeRequest.documents(texts))
                .post("/v1/encode")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .as(EncodeResponse.class);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
