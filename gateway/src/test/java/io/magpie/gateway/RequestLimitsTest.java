package io.magpie.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.gateway.keys.ApiKeysTest;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rate limits per key and scope, stored keys too (429 with Retry-After) and body limits per endpoint (413), over HTTP. */
@QuarkusTest
@TestProfile(RequestLimitsTest.LowLimits.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
class RequestLimitsTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    // one token in 100 s: a slow machine cannot refill the bucket during the test
                    "magpie.gateway.limits.storefront-per-second", "0.01",
                    "magpie.gateway.limits.storefront-burst", "3",
                    "magpie.gateway.limits.body-bytes", "100",
                    "magpie.gateway.limits.events-body-bytes", "200");
        }
    }

    @Test
    void aStorefrontKeyOverItsRateGets429WithRetryAfterWhileOtherKeysGoOn() {
        // stored keys, as a store gets them: their scope sizes their bucket as a configured key's would
        String storefrontA =
                "Bearer " + ApiKeysTest.create("store-a", "storefront").getString("secret");
        String storefrontB =
                "Bearer " + ApiKeysTest.create("store-b", "storefront").getString("secret");
        String eval = "Bearer " + ApiKeysTest.create("evaluation", "eval").getString("secret");
        for (int i = 0; i < 3; i++) {
            search(storefrontA).then().statusCode(not(equalTo(429)));
        }
        var refused = search(storefrontA);
        refused.then().statusCode(429).contentType("application/problem+json").body("detail", containsString("rate"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 100, "Retry-After " + retryAfter);
        // buckets are per key: another storefront key and a trusted key are not held back
        search(storefrontB).then().statusCode(not(equalTo(429)));
        for (int i = 0; i < 10; i++) {
            search(eval).then().statusCode(not(equalTo(429)));
            search("Bearer test-eval-key").then().statusCode(not(equalTo(429)));
        }
    }

    @Test
    void aBodyOverItsEndpointsLimitIs413BeforeAnyWork() {
        given().header("Authorization", "Bearer test-eval-key")
                .contentType("application/json")
                .body("[" + "{\"eventId\": \"e\"},".repeat(20) + "{}]")
                .when()
                .post("/api/v1/events")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 200"));
        // the events endpoint takes more than the default 100 bytes: 150 bytes get past the limit
        int status = given().header("Authorization", "Bearer test-eval-key")
                .contentType("application/json")
                .body("[" + " ".repeat(147) + "]")
                .when()
                .post("/api/v1/events")
                .statusCode();
        assertTrue(status != 413, "150 bytes refused: " + status);
        assertEquals(
                413,
                given().header("Authorization", "Bearer test-admin-key")
                        .contentType("application/json")
                        .body("{\"ids\": [" + "\"x\",".repeat(40) + "\"y\"]}")
                        .when()
                        .post("/api/v1/admin/products/deletions")
                        .statusCode());
    }

    private static io.restassured.response.Response search(String authorization) {
        return given().header("Authorization", authorization)
                .queryParam("q", "")
                .when()
                .get("/api/v1/search");
    }
}
