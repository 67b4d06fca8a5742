package io.magpie.gateway.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * API keys stored in a real PostgreSQL: the admin endpoints, hashing at rest, scopes, the bound on how late another
 * replica's revocation is seen, and refusals of bad input. The downstream services are down here: a search that gets
 * past the key checks answers 503, one that does not answers 401 or 403.
 */
@QuarkusTest
@TestProfile(ApiKeysTest.ShortCache.class)
// the same profile and PostgreSQL as ApiKeysTest and AuthorizationMatrixTest: one start serves both
@WithTestResource(PostgresTestResource.class)
public class ApiKeysTest {

    static final String ADMIN = "Bearer test-admin-key";
    static final Duration CACHE_EXPIRY = Duration.ofSeconds(2);

    public static class ShortCache implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("magpie.gateway.keys.cache-expiry", CACHE_EXPIRY.toSeconds() + "s");
        }
    }

    @Inject
    Pool database;

    /** Creates a key through the admin API and answers the whole answer (secret and key). */
    public static JsonPath create(String name, String scope) {
        return given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(Map.of("name", name, "scope", scope))
                .when()
                .post("/api/v1/admin/keys")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    static int search(String secret, String... parameters) {
        var request = given().header("Authorization", "Bearer " + secret).queryParam("q", "paper towels");
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            request.queryParam(parameters[i], parameters[i + 1]);
        }
        return request.when().get("/api/v1/search").statusCode();
    }

    @Test
    void aKeyIsCreatedListedRotatedAndRevoked() {
        var created = given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(Map.of("name", " shop-one ", "scope", "storefront"))
                .when()
                .post("/api/v1/admin/keys");
        created.then().statusCode(201).body("key.name", equalTo("shop-one")).body("key.scope", equalTo("storefront"));
        String id = created.jsonPath().getString("key.id");
        String secret = created.jsonPath().getString("secret");
        created.then().header("Location", endsWith("/api/v1/admin/keys/" + id));
        assertEquals("mgp_" + id + "_", secret.substring(0, 4 + id.length() + 1));
        assertEquals(256 / 6 + 1, secret.length() - ("mgp_" + id + "_").length(), "256 random bits, base64url");
        assertEquals(503, search(secret), "a storefront key gets past the key checks");

        String listed = given().header("Authorization", ADMIN)
                .when()
                .get("/api/v1/admin/keys")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(listed.contains(secret.substring(secret.lastIndexOf('_') + 1)), "no secret in the list");
        assertFalse(listed.contains("\"secret") || listed.toLowerCase().contains("hash\""), listed);
        given().header("Authorization", ADMIN)
                .when()
                .get("/api/v1/admin/keys/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("shop-one"))
                .body("revokedAt", nullValue());

        // rotation without grace: the old secret is refused at once, the new one works
        String rotated = rotate(id, 0).getString("secret");
        assertEquals(401, search(secret));
        assertEquals(503, search(rotated));
        // rotation with grace: both work until it ends
        String again = rotate(id, 600).getString("secret");
        assertEquals(503, search(rotated));
        assertEquals(503, search(again));

        given().header("Authorization", ADMIN)
                .when()
                .delete("/api/v1/admin/keys/" + id)
                .then()
                .statusCode(200)
                .body("revokedAt", notNullValue());
        assertEquals(401, search(again), "revoked on this replica at once");
        assertEquals(401, search(rotated), "the old secret's grace ends with the key");
        given().header("Authorization", "Bearer " + again)
                .when()
                .get("/api/v1/search")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("unknown or revoked"));
        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body("{}")
                .when()
                .post("/api/v1/admin/keys/" + id + "/rotate")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void onlyTheHashOfTheSecretIsStored() {
        JsonPath created = create("hashed", "eval");
        String id = created.getString("key.id");
        String secret = created.getString("secret");
        String random = secret.substring(("mgp_" + id + "_").length());
        Row row = database.preparedQuery(
                        "SELECT row_to_json(k)::text AS everything, secret_hash FROM gateway.api_key k WHERE id = $1")
                .execute(Tuple.of(id))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next();
        String everything = row.getString("everything");
        assertFalse(everything.contains(random), everything);
        assertFalse(everything.contains(HexFormat.of().formatHex(random.getBytes(StandardCharsets.UTF_8))));
        assertArrayEquals(sha256(random), row.getBuffer("secret_hash").getBytes());
    }

    @Test
    void aRevocationMadeElsewhereIsSeenWithinTheCacheExpiry() throws InterruptedException {
        JsonPath created = create("other-replica", "storefront");
        String secret = created.getString("secret");
        assertEquals(503, search(secret));
        // another replica revokes it: this one learns of it only from the table
        database.preparedQuery("UPDATE gateway.api_key SET revoked_at = now() WHERE id = $1")
                .execute(Tuple.of(created.getString("key.id")))
                .await()
                .atMost(Duration.ofSeconds(10));
        Thread.sleep(CACHE_EXPIRY.toMillis() + 500);
        assertEquals(401, search(secret));
    }

    @Test
    void scopesDecideWhatAKeyMayDo() {
        String storefront = create("shop", "storefront").getString("secret");
        String eval = create("evaluation", "eval").getString("secret");
        String admin = create("operator", "admin").getString("secret");

        for (String refused : List.of(storefront, eval)) {
            given().header("Authorization", "Bearer " + refused)
                    .when()
                    .get("/api/v1/admin/keys")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        given().when().get("/api/v1/admin/keys").then().statusCode(401);
        given().header("Authorization", "Bearer " + admin)
                .when()
                .get("/api/v1/admin/keys")
                .then()
                .statusCode(200);

        // explain and sources are for eval (trusted) and admin keys
        assertEquals(403, search(storefront, "explain", "true"));
        assertEquals(403, search(storefront, "sources", "dense"));
        assertEquals(503, search(eval, "explain", "true"));
        assertEquals(503, search(eval, "sources", "dense"));
        assertEquals(503, search(admin, "sources", "dense"));

        // the console takes configured admin keys only: a stored storefront key cannot sign in
        given().redirects()
                .follow(false)
                .formParam("key", storefront)
                .when()
                .post("/admin/sign-in")
                .then()
                .statusCode(401);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        refused(Map.of("name", "x", "scope", "superuser"), 400, "scope");
        refused(Map.of("name", " ", "scope", "storefront"), 400, "name");
        refused(Map.of("scope", "storefront"), 400, "name");
        refused(Map.of("name", "x".repeat(101), "scope", "storefront"), 400, "name");
        refused(Map.of("name", "x"), 400, "scope");
        given().header("Authorization", ADMIN)
                .when()
                .delete("/api/v1/admin/keys/0123456789abcdef")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body("{}")
                .when()
                .post("/api/v1/admin/keys/0123456789abcdef/rotate")
                .then()
                .statusCode(404)
                .body("errors[0].field", equalTo("id"));
        String id = create("grace", "storefront").getString("key.id");
        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(Map.of("graceSeconds", -1))
                .when()
                .post("/api/v1/admin/keys/" + id + "/rotate")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("graceSeconds"));
        // a key-shaped token that was never issued
        assertEquals(401, search("mgp_0123456789abcdef_" + "A".repeat(43)));
    }

    private static void refused(Map<String, Object> body, int status, String field) {
        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/v1/admin/keys")
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem(field))
                .body("detail", not(startsWith("java")));
    }

    private static JsonPath rotate(String id, int graceSeconds) {
        return given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(Map.of("graceSeconds", graceSeconds))
                .when()
                .post("/api/v1/admin/keys/" + id + "/rotate")
                .then()
                .statusCode(200)
                .body("secret", startsWith("mgp_" + id + "_"))
                .body("key.rotatedAt", notNullValue())
                .extract()
                .jsonPath();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
