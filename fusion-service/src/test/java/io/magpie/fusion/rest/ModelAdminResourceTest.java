package io.magpie.fusion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
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
import io.magpie.api.security.AdminActor;
import io.magpie.fusion.features.FeatureExtractor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
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
 * real registry. In the training data the dense scores are noise and relevance follows the query words in the
 * title, so a model that learnt anything puts the matching product first where dense puts it last. Versions and
 * activations live in the registry in a real PostgreSQL; damaged rows are written into it by hand.
 */
@QuarkusTest
@TestProfile(ModelAdminResourceTest.Recheck.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelAdminResourceTest {

    private static final String ADMIN = "Bearer test-admin-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class Recheck implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("magpie.fusion.models.active-recheck", "0s");
        }
    }

    private static String trained;
    private static String second;

    @Inject
    Pool pool;

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
                .contentType(ContentType.JSON)
                .body("""
                        {"examples": [{"request": {"lists": [{"source": "dense", "candidates": [{"id": "a", "score": 1e400}]}],
                          "size": 5}, "labels": {"a": 3}}]}""")
                .when()
                .post("/v1/admin/models/lambdamart")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("examples[0].request.lists[0].candidates[0].score"));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(new TrainingRequest(examples(6, 1), "unknown variant")))
                .when()
                .post("/v1/admin/models/lambdamart?variant=deeper")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("variant"))
                .body("detail", containsString("residual"));
        given().header("Authorization", ADMIN)
                .when()
                .post("/v1/admin/models/active/rollback")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().header("Authorization", ADMIN)
                .when()
                .get("/v1/admin/models")
                .then()
                .statusCode(200)
                .body("models.size()", equalTo(0))
                .body("active", nullValue())
                .body("activations.size()", equalTo(0));
    }

    @Test
    @Order(3)
    void trainsAVersionWithValidationFiguresAndServesItByName() throws IOException {
        trained = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(new TrainingRequest(examples(40, 2), "synthetic")))
                .when()
                .post("/v1/admin/models/lambdamart?bagged=false")
                .then()
                .statusCode(201)
                .body("parameters.bagged", equalTo(false))
                .body("parameters.bagMembers", equalTo(1))
                .body("kind", equalTo("lambdamart"))
                .body("schema", equalTo("magpie-fusion@3"))
                .body("active", equalTo(false))
                .body("metrics.crossValidNdcg10", greaterThan(0.8f))
                .body("metrics", hasKey("denseBlend"))
                .body("note", equalTo("synthetic"))
                .extract()
                .path("model");
        assertTrue(trained.startsWith("lambdamart@"), trained);

        LabelledExample unseen = examples(1, 99).get(0);
        List<String> top = explainedTop3(unseen, trained)
                .body("strategy", equalTo("model"))
                .body("model", equalTo(trained))
                .body("items[0].explanation.features", hasKey("query_in_title"))
                .body("items[0].explanation.features.query_in_title", equalTo(1.0f))
                .body("items[0].explanation.contributions.size()", greaterThan(0))
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
        FuseRequest storefront = asked(unseen, null, unseen.request().lists(), 3);
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

        // one source alone is its own ranking, whatever the active model would make of it (docs/adr/0032)
        CandidateList dense = unseen.request().lists().get(0);
        given().contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(asked(unseen, null, List.of(dense), 5)))
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200)
                .body("strategy", equalTo("weighted"))
                .body("model", nullValue())
                .body(
                        "items.id",
                        contains(dense.candidates().stream()
                                .limit(5)
                                .map(Candidate::id)
                                .toArray()))
                .body("items[0].score", equalTo(1.0f));
        // named, the model still ranks it
        given().contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(asked(unseen, FusionStrategy.MODEL, List.of(dense), 5)))
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200)
                .body("strategy", equalTo("model"))
                .body("model", equalTo(trained));
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
    void aCorruptFileOrAnotherSchemaIsRefusedAndTheActiveModelStays() throws Exception {
        int version = Integer.parseInt(trained.substring(trained.indexOf('@') + 1));
        RegistryRows rows = new RegistryRows(pool);
        byte[] bytes = rows.file("lambdamart", version, "model.ubj");

        aTruncatedFileIsRefused(version, 101, "model.ubj");

        rows.copyVersion("lambdamart", version, 102, FeatureExtractor.SCHEMA.version());
        byte[] flipped = bytes.clone();
        flipped[flipped.length / 2] ^= 0x01;
        rows.replaceFile("lambdamart", 102, "model.ubj", flipped, false);
        refused("lambdamart@102", 422).body("detail", containsString("checksum"));

        rows.copyVersion("lambdamart", version, 103, 0);
        refused("lambdamart@103", 409).body("detail", containsString("magpie-fusion@0"));

        refused("lambdamart@404", 404);
        refused("lambdamart@latest", 404);

        given().header("Authorization", ADMIN)
                .when()
                .get("/v1/admin/models")
                .then()
                .statusCode(200)
                .body("active", equalTo(trained))
                .body("activations.size()", equalTo(1));
        assertEquals(trained, storefrontModel(97));
    }

    @Test
    @Order(6)
    void rollbackReturnsToThePreviousVersionAndTheHistorySaysWhoAndWhen() throws IOException {
        second = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(new TrainingRequest(examples(20, 3), "second")))
                .when()
                .post("/v1/admin/models/lambdamart")
                .then()
                .statusCode(201)
                // one booster by default (magpie.fusion.models.trees.bagged, docs/adr/0042's revision)
                .body("parameters.bagged", equalTo(false))
                .extract()
                .path("model");
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"model\": \"" + second + "\"}")
                .when()
                .put("/v1/admin/models/active")
                .then()
                .statusCode(200);
        assertEquals(second, storefrontModel(95));

        given().header("Authorization", ADMIN)
                .when()
                .post("/v1/admin/models/active/rollback")
                .then()
                .statusCode(200)
                .body("model", equalTo(trained))
                .body("action", equalTo("rollback"))
                .body("activatedBy", equalTo(AdminActor.ofKey("test-admin-key")));
        assertEquals(trained, storefrontModel(94));
        given().header("Authorization", ADMIN)
                .when()
                .get("/v1/admin/models")
                .then()
                .statusCode(200)
                .body("active", equalTo(trained))
                .body("activations.model", contains(trained, second, trained))
                .body("activations.action", contains("rollback", "activate", "activate"))
                .body("activations[0].activatedAt", notNullValue());
    }

    @Test
    @Order(7)
    void anActivationByAnotherReplicaIsFollowedWithoutRestart() {
        String secondVersion = second.substring(second.indexOf('@') + 1);
        // another replica (sharing the database) activates the second version; this one has not served it yet
        new RegistryRows(pool).activate("lambdamart", Integer.parseInt(secondVersion), "key:other-replica");
        assertEquals(second, storefrontModel(93));
        // its activation of a version that cannot load here (another schema) leaves this replica on what it served
        new RegistryRows(pool).activate("lambdamart", 103, "key:other-replica");
        assertEquals(second, storefrontModel(92));
        given().header("Authorization", "Bearer wrong")
                .when()
                .post("/v1/admin/models/active/rollback")
                .then()
                .statusCode(403);
    }

    @Test
    @Order(8)
    void aBaggedVersionServesAndADamagedMemberIsRefused() throws Exception {
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(new TrainingRequest(examples(6, 1), "bad flag")))
                .when()
                .post("/v1/admin/models/lambdamart?bagged=maybe")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("bagged"));
        String bagged = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(new TrainingRequest(examples(40, 2), "bagged")))
                .when()
                .post("/v1/admin/models/lambdamart?bagged=true")
                .then()
                .statusCode(201)
                .body("parameters.bagged", equalTo(true))
                .body("parameters.bagMembers", equalTo(5))
                .body("metrics.bagMembers", equalTo(5.0f))
                .extract()
                .path("model");
        LabelledExample unseen = examples(1, 91).get(0);
        List<String> top = explainedTop3(unseen, bagged)
                .body("model", equalTo(bagged))
                .body("items[0].explanation.contributions.size()", greaterThan(0))
                .extract()
                .path("items.id");
        assertAllGrade3(unseen, top);

        // a member that is not a model, or missing from a version that says it has five, is refused
        int version = Integer.parseInt(bagged.substring(bagged.indexOf('@') + 1));
        RegistryRows rows = new RegistryRows(pool);
        aTruncatedFileIsRefused(version, 201, "member-4.ubj");
        rows.copyVersion("lambdamart", version, 202, FeatureExtractor.SCHEMA.version());
        rows.deleteFile("lambdamart", 202, "member-2.ubj");
        refused("lambdamart@202", 422).body("detail", containsString("member-2.ubj"));
        assertEquals(second, storefrontModel(90));
    }

    /**
     * A copy of the version, numbered {@code copy}, whose {@code file} is cut to a third (its checksum matching: whole
     * bytes that are not a model) is refused at activation.
     */
    private void aTruncatedFileIsRefused(int version, int copy, String file) throws Exception {
        RegistryRows rows = new RegistryRows(pool);
        byte[] bytes = rows.file("lambdamart", version, file);
        rows.copyVersion("lambdamart", version, copy, FeatureExtractor.SCHEMA.version());
        rows.replaceFile("lambdamart", copy, file, java.util.Arrays.copyOf(bytes, bytes.length / 3), true);
        refused("lambdamart@" + copy, 422).body("detail", containsString("cannot be loaded"));
    }

    /** The example's top 3 by the named model version, with explanations; answered 200. */
    private static io.restassured.response.ValidatableResponse explainedTop3(LabelledExample example, String model)
            throws IOException {
        FuseRequest byModel = new FuseRequest(
                FusionStrategy.MODEL,
                example.request().lists(),
                3,
                example.request().context(),
                example.request().items(),
                model,
                true);
        return given().contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(byModel))
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200);
    }

    /** The model that ranked a storefront request (no strategy named). */
    private static String storefrontModel(long seed) {
        LabelledExample unseen = examples(1, seed).get(0);
        try {
            return given().contentType(ContentType.JSON)
                    .body(JSON.writeValueAsString(
                            asked(unseen, null, unseen.request().lists(), 3)))
                    .when()
                    .post("/v1/fuse")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("model");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The example's query and catalogue data with these lists, strategy (null: the default) and size. */
    static FuseRequest asked(LabelledExample example, FusionStrategy strategy, List<CandidateList> lists, int size) {
        return new FuseRequest(
                strategy,
                lists,
                size,
                example.request().context(),
                example.request().items(),
                null,
                null);
    }

    /** An activation the registry must refuse with this status, as problem+json; the active model stays. */
    static io.restassured.response.ValidatableResponse refused(String model, int status) {
        return given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"model\": \"" + model + "\"}")
                .when()
                .put("/v1/admin/models/active")
                .then()
                .statusCode(status)
                .contentType("application/problem+json");
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
