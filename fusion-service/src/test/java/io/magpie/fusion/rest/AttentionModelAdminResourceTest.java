package io.magpie.fusion.rest;

import static io.magpie.fusion.rest.ModelAdminResourceTest.assertAllGrade3;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.fusion.ItemData;
import io.magpie.api.fusion.LabelledExample;
import io.magpie.api.fusion.QueryContext;
import io.magpie.api.fusion.TrainingRequest;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.fusion.features.FeatureExtractor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Training, activating, serving and explaining an attention-fusion version through the admin API and
 * {@code /v1/fuse}, with the real DJL model and the real registry (PostgreSQL), beside a LambdaMART version (rollback between
 * kinds). In the training data the dense and graph lists are noise and titles never match the query; only the
 * lexical list knows what is relevant, so a model that learnt anything puts lexical's best first.
 */
@QuarkusTest
@TestProfile(AttentionModelAdminResourceTest.ShortTraining.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttentionModelAdminResourceTest {

    private static final String ADMIN = "Bearer test-admin-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class ShortTraining implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "magpie.fusion.models.active-recheck",
                    "0s",
                    "magpie.fusion.models.attention.max-epochs",
                    "60",
                    "magpie.fusion.models.attention.patience",
                    "15");
        }
    }

    private static String trained;

    @Inject
    Pool pool;

    @Test
    @Order(1)
    void trainingWithoutUsableLabelsIsRefusedAndStoresNothing() throws IOException {
        List<LabelledExample> unlabelled = examples(6, 1).stream()
                .map(e -> new LabelledExample(
                        e.request(), Map.of(e.labels().keySet().iterator().next(), 0)))
                .toList();
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(new TrainingRequest(unlabelled, "no labels")))
                .when()
                .post("/v1/admin/models/attention")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("examples"));
        given().when().post("/v1/admin/models/attention").then().statusCode(401);
        given().header("Authorization", ADMIN)
                .when()
                .get("/v1/admin/models")
                .then()
                .statusCode(200)
                .body("models.size()", equalTo(0))
                .body("active", nullValue());
    }

    @Test
    @Order(2)
    void trainsAnAttentionVersionAndActivationMakesItTheDefault() throws IOException {
        trained = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(new TrainingRequest(examples(40, 2), "synthetic, lexical informative")))
                .when()
                .post("/v1/admin/models/attention")
                .then()
                .statusCode(201)
                .body("kind", equalTo("attention"))
                .body("schema", equalTo("magpie-fusion@3"))
                .body("active", equalTo(false))
                .body("metrics", hasKey("validationNdcg10AtBestEpoch"))
                .body("parameters.seed", equalTo(42))
                .extract()
                .path("model");
        assertTrue(trained.startsWith("attention@"), trained);

        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"model\": \"" + trained + "\"}")
                .when()
                .put("/v1/admin/models/active")
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("kind", equalTo("attention"));

        LabelledExample unseen = examples(1, 98).get(0);
        List<String> top = given().contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(ModelAdminResourceTest.asked(
                        unseen, null, unseen.request().lists(), 3)))
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200)
                .body("strategy", equalTo("model"))
                .body("model", equalTo(trained))
                .body("items[0].explanation", nullValue())
                .extract()
                .path("items.id");
        assertAllGrade3(unseen, top);
        // dense alone (the noise) would not: its top 3 are not all grade 3
        assertTrue(unseen.request().lists().get(0).candidates().stream()
                .limit(3)
                .anyMatch(c -> unseen.labels().get(c.id()) != 3));
    }

    @Test
    @Order(3)
    void explainNamesTheSourcesAndTheirWeightsSumToOneOverThePresentOnes() throws IOException {
        LabelledExample unseen = examples(1, 99).get(0);
        FuseRequest explained = new FuseRequest(
                FusionStrategy.MODEL,
                unseen.request().lists(),
                40,
                unseen.request().context(),
                unseen.request().items(),
                trained,
                true);
        JsonPath body = given().contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(explained))
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200)
                .body("model", equalTo(trained))
                .body("items[0].explanation.features", hasKey("lexical.score"))
                .body("items[0].explanation.features", hasKey("query_in_title"))
                .body("items[0].explanation", not(hasKey("contributions")))
                .body("items[0].explanation", not(hasKey("bias")))
                .extract()
                .jsonPath();
        List<Map<String, Object>> items = body.getList("items");
        assertEquals(40, items.size());
        int withSeveralSources = 0;
        for (Map<String, Object> item : items) {
            String id = (String) item.get("id");
            @SuppressWarnings("unchecked")
            Map<String, Object> explanation = (Map<String, Object>) item.get("explanation");
            @SuppressWarnings("unchecked")
            Map<String, Number> weights = (Map<String, Number>) explanation.get("sourceWeights");
            Set<String> proposedBy = unseen.request().lists().stream()
                    .filter(l -> l.candidates().stream().anyMatch(c -> c.id().equals(id)))
                    .map(CandidateList::source)
                    .collect(Collectors.toSet());
            assertEquals(proposedBy, weights.keySet(), id);
            double sum =
                    weights.values().stream().mapToDouble(Number::doubleValue).sum();
            assertEquals(1.0, sum, 1e-4, id + ": " + weights);
            weights.values().forEach(w -> assertTrue(w.doubleValue() >= 0 && w.doubleValue() <= 1, id));
            withSeveralSources += weights.size() > 1 ? 1 : 0;
        }
        assertTrue(withSeveralSources > 5, "the test needs items that several sources proposed");
    }

    @Test
    @Order(4)
    void aCorruptFileOrAnotherSchemaIsRefusedAndTheActiveModelStays() throws Exception {
        int version = Integer.parseInt(trained.substring(trained.indexOf('@') + 1));
        RegistryRows rows = new RegistryRows(pool);
        byte[] parameters = rows.file("attention", version, "attention-model.params");
        String attentionDescriptor =
                new String(rows.file("attention", version, "attention-model.json"), StandardCharsets.UTF_8);

        // whole bytes (their checksum matches) that are half a model: the attention loader refuses them
        rows.copyVersion("attention", version, 101, FeatureExtractor.SCHEMA.version());
        rows.replaceFile(
                "attention",
                101,
                "attention-model.params",
                java.util.Arrays.copyOf(parameters, parameters.length / 2),
                true);
        ModelAdminResourceTest.refused("attention@101", 422);

        // one bit changed since it was stored: the registry's checksum refuses it
        rows.copyVersion("attention", version, 102, FeatureExtractor.SCHEMA.version());
        byte[] flipped = parameters.clone();
        flipped[flipped.length - 1] ^= 0x01;
        rows.replaceFile("attention", 102, "attention-model.params", flipped, false);
        ModelAdminResourceTest.refused("attention@102", 422).body("detail", containsString("checksum"));

        rows.copyVersion("attention", version, 103, 0);
        ModelAdminResourceTest.refused("attention@103", 409).body("detail", containsString("magpie-fusion@0"));

        // the registry's schema matches but the model's own descriptor names another
        rows.copyVersion("attention", version, 104, FeatureExtractor.SCHEMA.version());
        rows.replaceFile(
                "attention",
                104,
                "attention-model.json",
                attentionDescriptor
                        .replace("\"version\" : \"" + FeatureExtractor.SCHEMA.version() + "\"", "\"version\" : \"0\"")
                        .getBytes(StandardCharsets.UTF_8),
                true);
        ModelAdminResourceTest.refused("attention@104", 409);

        given().header("Authorization", ADMIN)
                .when()
                .get("/v1/admin/models")
                .then()
                .statusCode(200)
                .body("active", equalTo(trained));
        LabelledExample unseen = examples(1, 97).get(0);
        given().contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(new FuseRequest(
                        null,
                        unseen.request().lists(),
                        3,
                        unseen.request().context(),
                        unseen.request().items(),
                        null,
                        null)))
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200)
                .body("model", equalTo(trained))
                .body("items[0].id", notNullValue());
    }

    @Test
    @Order(5)
    void treesAndAttentionVersionsRollBackToEachOther() throws IOException {
        String trees = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(new TrainingRequest(examples(40, 2), "same data, trees")))
                .when()
                .post("/v1/admin/models/lambdamart")
                .then()
                .statusCode(201)
                .body("kind", equalTo("lambdamart"))
                .extract()
                .path("model");
        LabelledExample unseen = examples(1, 96).get(0);
        String storefront = JSON.writeValueAsString(new FuseRequest(
                null,
                unseen.request().lists(),
                3,
                unseen.request().context(),
                unseen.request().items(),
                null,
                null));

        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"model\": \"" + trees + "\"}")
                .when()
                .put("/v1/admin/models/active")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(storefront)
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200)
                .body("model", equalTo(trees));

        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"model\": \"" + trained + "\"}")
                .when()
                .put("/v1/admin/models/active")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(storefront)
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200)
                .body("model", equalTo(trained));
        given().header("Authorization", ADMIN)
                .when()
                .get("/v1/admin/models")
                .then()
                .statusCode(200)
                .body("active", equalTo(trained))
                .body("models.kind", hasItem("lambdamart"))
                .body("models.kind", hasItem("attention"));
    }

    /**
     * Queries of two made-up words, 40 candidates each, titles that never contain them. Grade 3, 1 or 0 at
     * random; dense lists every candidate with noise scores; graph a random fifth, also noise; lexical lists every
     * grade-3 candidate and a random third of the others, scoring grade 3 highest: the informative source.
     */
    static List<LabelledExample> examples(int count, long seed) {
        Random random = new Random(seed);
        List<LabelledExample> examples = new ArrayList<>();
        for (int q = 0; q < count; q++) {
            List<Candidate> dense = new ArrayList<>();
            List<Candidate> lexical = new ArrayList<>();
            List<Candidate> graph = new ArrayList<>();
            Map<String, ItemData> items = new HashMap<>();
            Map<String, Integer> labels = new HashMap<>();
            double denseScore = 0.9;
            for (int i = 0; i < 40; i++) {
                String id = "q" + seed + "-" + q + "-p" + i;
                int kind = random.nextInt(4); // 0: grade 3, 1: grade 1, 2-3: grade 0
                int grade = kind == 0 ? 3 : kind == 1 ? 1 : 0;
                labels.put(id, grade);
                items.put(
                        id,
                        new ItemData(
                                "product " + i,
                                "Brand" + random.nextInt(5),
                                List.of("Cat"),
                                null,
                                3 + random.nextDouble() * 2,
                                random.nextInt(500),
                                10.0,
                                true));
                denseScore -= random.nextDouble() * 0.01;
                dense.add(new Candidate(id, denseScore));
                if (grade == 3 || random.nextInt(3) == 0) {
                    double base = grade == 3 ? 8 : grade == 1 ? 5 : 1;
                    lexical.add(new Candidate(id, base + random.nextDouble() * 2));
                }
                if (random.nextInt(5) == 0) {
                    graph.add(new Candidate(id, random.nextDouble()));
                }
            }
            lexical.sort((x, y) -> Double.compare(y.score(), x.score()));
            graph.sort((x, y) -> Double.compare(y.score(), x.score()));
            FuseRequest request = new FuseRequest(
                    null,
                    List.of(
                            new CandidateList("dense", dense),
                            new CandidateList("lexical", lexical),
                            new CandidateList("graph", graph)),
                    10,
                    new QueryContext("alpha" + q + " beta" + q),
                    items,
                    null,
                    null);
            examples.add(new LabelledExample(request, labels));
        }
        return examples;
    }
}
