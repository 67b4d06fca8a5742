package io.magpie.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rate limits per key and scope (429 with Retry-After) and body limits per endpoint (413), over HTTP. */
@QuarkusTest
@TestProfile(RequestLimitsTest.LowLimits.class)
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
        for (int i = 0; i < 3; i++) {
            search("Bearer storefront-a").then().statusCode(not(equalTo(429)));
        }
        var refused = search("Bearer storefront-a");
        refused.then().statusCode(429).contentType("application/problem+json").body("detail", containsString("rate"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 100, "Retry-After " + retryAfter);
        // buckets are per key: another storefront key and a trusted key are not held back
        search("Bearer storefront-b").then().statusCode(not(equalTo(429)));
        for (int i = 0; i < 10; i++) {
            search("Bearer test-eval-key").then().statusCode(not(equalTo(429)));
        }
    }

    @Test
    void aBodyOverItsEndpointsLimitIs413BeforeAnyWork() {
        given().header("Authorization", "Bearer body-test")
                .contentType("application/json")
                .body("[" + "{\"eventId\": \"e\"},".repeat(20) + "{}]")
                .when()
                .post("/api/v1/events")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 200"));
        // the events endpoint takes more than the default 100 bytes: 150 bytes get past the limit
        int status = given().header("Authorization", "Bearer body-test-2")
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
