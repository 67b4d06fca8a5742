package io.magpie.fusion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
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
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Training, listing, activating and serving a LambdaMART version through the admin API, with real XGBoost and a
 * real model folder. In the training data the dense scores are noise and relevance follows the query words in the
 * title, so a model that learnt anything puts the matching product first where dense puts it last.
 */
@QuarkusTest
@TestProfile(ModelAdminResourceTest.OwnModelFolder.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelAdminResourceTest {

    static final Path MODELS =
            Path.of("target", "model-admin-test-" + ProcessHandle.current().pid());
    private static final String ADMIN = "Bearer test-admin-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class OwnModelFolder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("magpie.fusion.models.dir", MODELS.toString(), "magpie.fusion.models.active-recheck", "0s");
        }
    }

    private static String trained;

    @Test
    @Order(1)
    void adminEndpointsNeedTheAdminKey() {
        given().when().get("/v1/admin/models").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong")
                .when()
                .get("/v1/admin/models")
                .then()
                .statusCode(403);
    }

    @Test
    @Order(2)
    void trainingWithoutUsableLabelsIsRefusedAndStoresNothing() throws IOException {
        List<LabelledExample> unlabelled = examples(6, 1).stream()
                .map(e -> new LabelledExample(e.request(), Map.of()))
                .toList();
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(new TrainingRequest(unlabelled, "no labels")))
                .when()
                .post("/v1/admin/models/lambdamart")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("examples"));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("""
                        {"examples": [{"request": {"lists": [{"source": "dense", "candidates": [{"id": "a", "score": 1}]}],
                          "size": 5}, "labels": {"a": -1}}]}""")
                .when()
                .post("/v1/admin/models/lambdamart")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("examples[0].labels[a]"));
        given().header("Authorization", ADMIN)
                .when()
                .get("/v1/admin/models")
                .then()
                .statusCode(200)
                .body("models.size()", equalTo(0))
                .body("active", nullValue());
    }

    @Test
    @Order(3)
    void trainsAVersionWithValidationFiguresAndServesItByName() throws IOException {
        trained = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(new TrainingRequest(examples(40, 2), "synthetic")))
                .when()
                .post("/v1/admin/models/lambdamart")
                .then()
                .statusCode(201)
                .body("kind", equalTo("lambdamart"))
                .body("schema", equalTo("magpie-fusion@1"))
                .body("active", equalTo(false))
                .body("metrics.validationNdcg10AtEarlyStop", greaterThan(0.8f))
                .body("note", equalTo("synthetic"))
                .extract()
                .path("model");
        assertTrue(trained.startsWith("lambdamart@"), trained);

        LabelledExample unseen = examples(1, 99).get(0);
        FuseRequest byModel = new FuseRequest(
                FusionStrategy.MODEL,
                unseen.request().lists(),
                3,
                unseen.request().context(),
                unseen.request().items(),
                trained,
                true);
        List<String> top = given().contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(byModel))
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200)
                .body("strategy", equalTo("model"))
                .body("model", equalTo(trained))
                .body("items[0].explanation.features", hasKey("query_in_title"))
                .body("items[0].explanation.features.query_in_title", equalTo(1.0f))
                .body("items[0].explanation.contributions", hasKey("query_in_title"))
                .body("items[0].sources[0].source", equalTo("dense"))
                .extract()
                .path("items.id");
        assertAllGrade3(unseen, top);
        // dense alone (the noise) would not: its top 3 are not all grade 3
        assertTrue(unseen.request().lists().get(0).candidates().stream()
                .limit(3)
                .anyMatch(c -> unseen.labels().get(c.id()) != 3));
    }

    @Test
    @Order(4)
    void activationMakesItTheDefaultWithoutRestart() throws IOException {
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"model\": \"" + trained + "\"}")
                .when()
                .put("/v1/admin/models/active")
                .then()
                .statusCode(200)
                .body("active", equalTo(true));

        LabelledExample unseen = examples(1, 98).get(0);
        FuseRequest storefront = new FuseRequest(
                null,
                unseen.request().lists(),
                3,
                unseen.request().context(),
                unseen.request().items(),
                null,
                null);
        List<String> top = given().contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(storefront))
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
        given().header("Authorization", ADMIN)
                .when()
                .get("/v1/admin/models")
                .then()
                .statusCode(200)
                .body("active", equalTo(trained))
                .body("models[0].active", equalTo(true));
    }

    @Test
    @Order(5)
    void aCorruptFileOrAnotherSchemaIsRefusedAndTheActiveModelStays() throws IOException {
        String version = trained.substring(trained.indexOf('@') + 1);
        Path good = MODELS.resolve("lambdamart").resolve(version);
        String descriptor = Files.readString(good.resolve("descriptor.json"));

        Path corrupt = MODELS.resolve("lambdamart").resolve("corrupt");
        Files.createDirectories(corrupt);
        Files.writeString(
                corrupt.resolve("descriptor.json"),
                descriptor.replace("\"version\" : \"" + version + "\"", "\"version\" : \"corrupt\""));
        byte[] bytes = Files.readAllBytes(good.resolve("model.ubj"));
        Files.write(corrupt.resolve("model.ubj"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"model\": \"lambdamart@corrupt\"}")
                .when()
                .put("/v1/admin/models/active")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("cannot be loaded"));

        Path otherSchema = MODELS.resolve("lambdamart").resolve("old-schema");
        Files.createDirectories(otherSchema);
        Files.writeString(
                otherSchema.resolve("descriptor.json"),
                descriptor
                        .replace("\"version\" : \"" + version + "\"", "\"version\" : \"old-schema\"")
                        .replace("\"version\" : 1,", "\"version\" : 0,"));
        Files.write(otherSchema.resolve("model.ubj"), bytes);
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"model\": \"lambdamart@old-schema\"}")
                .when()
                .put("/v1/admin/models/active")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("magpie-fusion@0"));

        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"model\": \"lambdamart@404\"}")
                .when()
                .put("/v1/admin/models/active")
                .then()
                .statusCode(404);

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

    /**
     * Queries of two made-up words; 40 candidates each. Dense scores are random (noise); a product whose title has
     * both query words is grade 3, one word grade 1, none 0. Lexical lists a random half.
     */
    static List<LabelledExample> examples(int count, long seed) {
        Random random = new Random(seed);
        List<LabelledExample> examples = new ArrayList<>();
        for (int q = 0; q < count; q++) {
            String a = "alpha" + q;
            String b = "beta" + q;
            List<Candidate> dense = new ArrayList<>();
            List<Candidate> lexical = new ArrayList<>();
            Map<String, ItemData> items = new HashMap<>();
            Map<String, Integer> labels = new HashMap<>();
            double denseScore = 0.9;
            for (int i = 0; i < 40; i++) {
                String id = "q" + seed + "-" + q + "-p" + i;
                int kind = random.nextInt(4); // 0: both words, 1: one word, 2-3: none
                String title = switch (kind) {
                    case 0 -> "the " + a + " " + b + " item";
                    case 1 -> "some " + (random.nextBoolean() ? a : b) + " thing";
                    default -> "unrelated product " + i;
                };
                labels.put(id, kind == 0 ? 3 : kind == 1 ? 1 : 0);
                items.put(
                        id,
                        new ItemData(
                                title,
                                "Brand" + random.nextInt(5),
                                List.of("Cat"),
                                null,
                                3 + random.nextDouble() * 2,
                                random.nextInt(500),
                                10.0,
                                true));
                denseScore -= random.nextDouble() * 0.01;
                dense.add(new Candidate(id, denseScore));
                if (random.nextBoolean()) {
                    lexical.add(new Candidate(id, 5 + random.nextDouble() * 5));
                }
            }
            lexical.sort((x, y) -> Double.compare(y.score(), x.score()));
            FuseRequest request = new FuseRequest(
                    null,
                    List.of(new CandidateList("dense", dense), new CandidateList("lexical", lexical)),
                    10,
                    new QueryContext(a + " " + b),
                    items,
                    null,
                    null);
            examples.add(new LabelledExample(request, labels));
        }
        return examples;
    }

    /** The ids are three and all of grade 3 (shared with the attention model's endpoint test). */
    static void assertAllGrade3(LabelledExample example, List<String> ids) {
        assertEquals(3, ids.size());
        for (String id : ids) {
            assertEquals(3, example.labels().get(id), id + " of " + ids);
        }
    }
}
