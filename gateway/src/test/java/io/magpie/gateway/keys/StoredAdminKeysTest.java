package io.magpie.gateway.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.api.security.AdminActor;
import io.magpie.gateway.console.ConsoleSessions;
import io.magpie.testsupport.FusionServiceTestResource;
import io.magpie.testsupport.KgServiceTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * docs/adr/0029: an admin key created through the admin API works wherever a configured one does: on the admin routes
 * the gateway relays to kg-service and fusion-service (which do not know stored keys and take the gateway's word,
 * sent with the service credential), and in the console. The audit log names the stored key by its id; a revoked key
 * and a storefront key are refused, and a caller's own admin assertion never reaches a service. Real kg-service and
 * fusion-service (their packaged jars) and a real PostgreSQL for the keys.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KgServiceTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FusionServiceTestResource.class, restrictToAnnotatedClass = true)
class StoredAdminKeysTest {

    private static final String CONFIGURED_ADMIN = "test-admin-key";

    private static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    private static String brand() {
        return "Brand:Stored-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response createNode(RequestSpecification caller, String ref) {
        return caller.contentType(ContentType.JSON)
                .body(Map.of("ref", ref, "properties", Map.of()))
                .when()
                .post("/api/v1/admin/graph/nodes");
    }

    private static String actorOfLastEdit(String key, String ref) {
        return as(key).queryParam("entity", ref)
                .when()
                .get("/api/v1/admin/graph/audit")
                .then()
                .statusCode(200)
                .extract()
                .path("entries[0].actor");
    }

    private static int deleteUserEvents(String key) {
        return as(key).when()
                .delete("/api/v1/admin/users/{id}/events", "u-" + UUID.randomUUID())
                .statusCode();
    }

    private static void revoke(String id) {
        as(CONFIGURED_ADMIN).when().delete("/api/v1/admin/keys/" + id).then().statusCode(200);
    }

    private static Response signIn(String key) {
        return given().redirects().follow(false).formParam("key", key).when().post("/admin/sign-in");
    }

    @Test
    void aStoredAdminKeyEditsTheGraphAndDeletesEventsThroughTheGatewayUntilRevoked() {
        JsonPath created = ApiKeysTest.create("graph-admin", "admin");
        String id = created.getString("key.id");
        String secret = created.getString("secret");

        String ref = brand();
        createNode(as(secret), ref).then().statusCode(201);
        assertEquals(AdminActor.ofStoredKey(id), actorOfLastEdit(secret, ref), "the audit log names the stored key");
        assertEquals(200, deleteUserEvents(secret), "a fusion-service admin route");

        revoke(id);
        createNode(as(secret), brand()).then().statusCode(401);
        as(secret)
                .queryParam("entity", ref)
                .when()
                .get("/api/v1/admin/graph/audit")
                .then()
                .statusCode(401);
        assertEquals(401, deleteUserEvents(secret));
    }

    @Test
    void aStoredStorefrontKeyIsRefusedOnTheRelayedAdminRoutes() {
        String storefront = ApiKeysTest.create("shop", "storefront").getString("secret");
        String ref = brand();
        createNode(as(storefront), ref).then().statusCode(403);
        // asserting to be an admin does not help: the gateway decides, and never forwards the caller's assertion
        createNode(as(storefront).header(AdminActor.HEADER, AdminActor.ofKey(CONFIGURED_ADMIN)), ref)
                .then()
                .statusCode(403);
        createNode(given().header(AdminActor.HEADER, AdminActor.ofKey(CONFIGURED_ADMIN)), ref)
                .then()
                .statusCode(401);
        as(storefront)
                .queryParam("entity", ref)
                .when()
                .get("/api/v1/admin/graph/audit")
                .then()
                .statusCode(403);
        assertEquals(403, deleteUserEvents(storefront));
        as(CONFIGURED_ADMIN)
                .queryParam("ref", ref)
                .when()
                .get("/api/v1/admin/graph/nodes")
                .then()
                .statusCode(404);
    }

    @Test
    void aCallersOwnAssertionIsNotForwarded() {
        String ref = brand();
        createNode(as(CONFIGURED_ADMIN).header(AdminActor.HEADER, "key:0123456789abcdef"), ref)
                .then()
                .statusCode(201);
        assertEquals(AdminActor.ofKey(CONFIGURED_ADMIN), actorOfLastEdit(CONFIGURED_ADMIN, ref));
    }

    @Test
    void aStoredAdminKeySignsInToTheConsoleUntilRevoked() {
        JsonPath created = ApiKeysTest.create("console-admin", "admin");
        String id = created.getString("key.id");
        String secret = created.getString("secret");
        String ref = brand();
        createNode(as(secret), ref).then().statusCode(201);

        Response signedIn = signIn(secret);
        signedIn.then().statusCode(303).header("Location", endsWith("/admin/graph"));
        String cookie = signedIn.getCookie(ConsoleSessions.COOKIE);
        // the audit page reads kg-service with the signed-in stored key
        given().cookie(ConsoleSessions.COOKIE, cookie)
                .queryParam("entity", ref)
                .when()
                .get("/admin/audit")
                .then()
                .statusCode(200)
                .body(containsString(AdminActor.ofStoredKey(id)));

        revoke(id);
        given().redirects()
                .follow(false)
                .cookie(ConsoleSessions.COOKIE, cookie)
                .when()
                .get("/admin/audit")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/sign-in"));
        signIn(secret).then().statusCode(401).body(containsString("not an admin key"));
    }

    @Test
    void storedStorefrontAndEvalKeysCannotSignIn() {
        for (String scope : new String[] {"storefront", "eval"}) {
            String secret = ApiKeysTest.create("no-console-" + scope, scope).getString("secret");
            signIn(secret)
                    .then()
                    .statusCode(401)
                    .body(containsString("This is not an admin key; storefront and trusted keys cannot sign in."));
        }
    }
}
