package io.magpie.kg.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.security.ServiceCredential;
import io.magpie.testsupport.AuthorizationMatrix;
import io.magpie.testsupport.Neo4jTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.magpie.testsupport.ServiceCredentialProfile;
import io.magpie.testsupport.TestServiceCredential;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

/**
 * Issue 14, defect 2: kg-service took graph writes from anyone who reached its port. Every endpoint but health and
 * metrics now needs the service credential; a refused write changes nothing in Neo4j.
 */
@QuarkusTest
@TestProfile(ServiceCredentialProfile.class)
@QuarkusTestResource(Neo4jTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ServiceCredentialTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Driver driver;

    @Test
    void writesWithoutTheCredentialAreRefusedAndChangeNothing() throws Exception {
        String phone = "Phone-" + UUID.randomUUID();
        String cover = "Cover-" + UUID.randomUUID();
        String products = "[{\"id\":\"%s\",\"title\":\"phone\",\"category\":[\"Phones\"],\"version\":1},"
                        .formatted(phone)
                + "{\"id\":\"%s\",\"title\":\"cover\",\"category\":[\"Covers\"],\"version\":1}]".formatted(cover);
        assertEquals(
                204,
                send("PUT", "/v1/graph/products", products, TestServiceCredential.VALUE)
                        .statusCode());
        String edge = "[{\"productId\":\"%s\",\"otherId\":\"%s\",\"weight\":%s}]";
        assertEquals(
                204,
                send("PUT", "/v1/graph/also-bought", edge.formatted(phone, cover, "1.0"), TestServiceCredential.VALUE)
                        .statusCode());

        for (String credential : new String[] {null, "", "wrong-credential", TestServiceCredential.VALUE + "x"}) {
            HttpResponse<String> reweighed =
                    send("PUT", "/v1/graph/also-bought", edge.formatted(phone, cover, "99.0"), credential);
            assertEquals(401, reweighed.statusCode(), reweighed.body());
            assertEquals(
                    "application/problem+json",
                    reweighed.headers().firstValue("Content-Type").orElse(""));
            assertTrue(reweighed.body().contains(ServiceCredential.HEADER), reweighed.body());
            assertEquals(
                    401,
                    send("DELETE", "/v1/graph/products/" + phone, null, credential)
                            .statusCode());
            assertEquals(
                    401,
                    send("PUT", "/v1/graph/products", products.replace("\"version\":1", "\"version\":2"), credential)
                            .statusCode());
        }
        assertEquals(List.of(1.0), alsoBoughtWeights(phone));
        assertEquals(1L, count(phone));
        // the dot segments a router resolves do not make a write look like a health check
        assertEquals(
                401,
                send("DELETE", "/q/health/../../v1/graph/products/" + phone, null, null)
                        .statusCode());
        assertEquals(1L, count(phone));

        assertEquals(200, send("GET", "/q/health/ready", null, null).statusCode());
        assertEquals(
                204,
                send("DELETE", "/v1/graph/products/" + phone, null, TestServiceCredential.VALUE)
                        .statusCode());
        assertEquals(0L, count(phone));
    }

    @Test
    void everyEndpointAnswersTheCallersOfTheAuthorizationMatrix() {
        String url = base.toString().replaceAll("/$", "");
        assertEquals(
                List.of(),
                AuthorizationMatrix.walk(
                        "kg",
                        url,
                        new AuthorizationMatrix.Secrets(
                                "test-admin-key", "test-eval-key", "storefront-key", TestServiceCredential.VALUE)));
        assertEquals(
                java.util.Set.of(),
                AuthorizationMatrix.uncovered(
                        "kg", url, Map.of(ServiceCredential.HEADER, TestServiceCredential.VALUE)));
    }

    @Test
    void theReadmeShowsTheTableThatIsTested() {
        assertTrue(
                AuthorizationMatrix.readmeShowsTheTable(),
                "README.md must show, between its authorization-matrix markers:\n" + AuthorizationMatrix.markdown());
    }

    private HttpResponse<String> send(String method, String path, String body, String credential)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.substring(1)))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (credential != null) {
            request.header(ServiceCredential.HEADER, credential);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<Double> alsoBoughtWeights(String id) {
        try (var session = driver.session()) {
            return session.run(
                            "MATCH (:Product {id: $id})-[r:ALSO_BOUGHT]-(:Product) RETURN r.weight AS w",
                            Map.of("id", id))
                    .list(record -> record.get("w").asDouble());
        }
    }

    private long count(String id) {
        try (var session = driver.session()) {
            return session.run("MATCH (p:Product {id: $id}) RETURN count(p) AS n", Map.of("id", id))
                    .single()
                    .get("n")
                    .asLong();
        }
    }
}
