package io.magpie.kg.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.api.security.AdminActor;
import io.magpie.api.security.ServiceCredential;
import io.magpie.testsupport.Neo4jTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/adr/0029: where no service credential is configured (dev, tests) nobody can vouch for an admin, so an
 * asserted actor counts for nothing: without an admin key it is refused, and with one the audit log names the key,
 * not what the caller asserted.
 */
@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class AdminAssertionWithoutCredentialTest {

    private static final String FORGED = "key:0123456789abcdef";

    @TestHTTPResource("/")
    URI base;

    @Test
    void theAssertionIsIgnoredWithoutAConfiguredCredential() throws Exception {
        AdminCalls kg = new AdminCalls(base);
        String brand = kg.uniqueBrand();
        assertEquals(
                401, kg.createNode(brand, Map.of(AdminActor.HEADER, FORGED)).statusCode());
        assertEquals(
                401,
                kg.createNode(brand, Map.of(AdminActor.HEADER, FORGED, ServiceCredential.HEADER, "any"))
                        .statusCode());
        assertEquals(
                403,
                kg.createNode(brand, Map.of(AdminActor.HEADER, FORGED, "Authorization", "Bearer storefront-key"))
                        .statusCode());
        assertEquals(404, kg.node(brand, null).statusCode(), "nothing was written");

        var created = kg.createNode(brand, Map.of(AdminActor.HEADER, FORGED, "Authorization", "Bearer test-admin-key"));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(AdminActor.ofKey("test-admin-key"), kg.actorOfLastEdit(brand, null));
    }
}
