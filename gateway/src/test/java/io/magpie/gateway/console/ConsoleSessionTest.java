package io.magpie.gateway.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** The console's door over plain HTTP: who may sign in, what the cookie is, and that changes need the CSRF token. */
@QuarkusTest
class ConsoleSessionTest {

    private static Response signIn(String key) {
        return given().redirects().follow(false).formParam("key", key).when().post("/admin/sign-in");
    }

    @Test
    void onlyAnAdminKeySignsInAndTheCookieIsHttpOnlyAndStrict() {
        signIn("test-eval-key").then().statusCode(401).body(containsString("not an admin key"));
        signIn("no-such-key").then().statusCode(401);
        signIn("").then().statusCode(400).body(containsString("Enter an admin key"));

        Response signedIn = signIn("test-admin-key");
        signedIn.then().statusCode(303).header("Location", endsWith("/admin/graph"));
        String setCookie = signedIn.getHeader("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/admin"), setCookie);
        assertTrue(!setCookie.contains("test-admin-key"), "the key travels encrypted");
    }

    @Test
    void pagesNeedASessionAndChangesNeedItsCsrfToken() {
        String cookie = signIn("test-admin-key").getCookie(ConsoleSessions.COOKIE);

        given().redirects()
                .follow(false)
                .when()
                .get("/admin/graph")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/sign-in"));
        // a tampered cookie is no session
        String tampered = (cookie.charAt(5) == 'A' ? "B" : "A");
        given().redirects()
                .follow(false)
                .cookie(ConsoleSessions.COOKIE, cookie.substring(0, 5) + tampered + cookie.substring(6))
                .when()
                .get("/admin/graph")
                .then()
                .statusCode(303);
        given().cookie(ConsoleSessions.COOKIE, cookie)
                .when()
                .get("/admin/graph")
                .then()
                .statusCode(200)
                .body(containsString("Find a product, brand, category or attribute"));

        // a change without the session's token is refused, and nothing reaches kg-service
        given().cookie(ConsoleSessions.COOKIE, cookie)
                .formParam("csrf", "forged")
                .formParam("ref", "Brand:Acme")
                .when()
                .post("/admin/graph/node")
                .then()
                .statusCode(403)
                .body(containsString("security token"));
        given().cookie(ConsoleSessions.COOKIE, cookie)
                .formParam("ref", "Brand:Acme")
                .when()
                .post("/admin/graph/node")
                .then()
                .statusCode(403);
    }
}
