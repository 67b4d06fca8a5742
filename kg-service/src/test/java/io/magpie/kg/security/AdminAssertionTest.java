package io.magpie.kg.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.security.AdminActor;
import io.magpie.api.security.ServiceCredential;
import io.magpie.testsupport.Neo4jTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.magpie.testsupport.ServiceCredentialProfile;
import io.magpie.testsupport.TestServiceCredential;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/adr/0029: kg-service takes the gateway's word for an admin ({@value AdminActor#HEADER}) only in a request that
 * carries the deployment's service credential, and its audit log names that actor.
 */
@QuarkusTest
@TestProfile(ServiceCredentialProfile.class)
@QuarkusTestResource(Neo4jTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class AdminAssertionTest {

    private static final String VOUCHED = "key:0123456789abcdef";

    @TestHTTPResource("/")
    URI base;

    @Test
    void anAssertedAdminWithTheCredentialEditsAndIsTheAuditedActor() throws Exception {
        AdminCalls kg = new AdminCalls(base);
        String brand = kg.uniqueBrand();
        var created = kg.createNode(
                brand, Map.of(ServiceCredential.HEADER, TestServiceCredential.VALUE, AdminActor.HEADER, VOUCHED));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(VOUCHED, kg.actorOfLastEdit(brand, TestServiceCredential.VALUE));
    }

    @Test
    void theAssertionWithoutTheCredentialOrWithAWrongOneIsRefusedAndChangesNothing() throws Exception {
        AdminCalls kg = new AdminCalls(base);
        String brand = kg.uniqueBrand();
        for (String credential : new String[] {null, "", "wrong-credential", TestServiceCredential.VALUE + "x"}) {
            Map<String, String> headers = credential == null
                    ? Map.of(AdminActor.HEADER, VOUCHED)
                    : Map.of(AdminActor.HEADER, VOUCHED, ServiceCredential.HEADER, credential);
            assertEquals(401, kg.createNode(brand, headers).statusCode(), "credential " + credential);
        }
        // a configured admin key does not help a request whose credential is wrong either
        assertEquals(
                401,
                kg.createNode(
                                brand,
                                Map.of(
                                        "Authorization",
                                        "Bearer test-admin-key",
                                        AdminActor.HEADER,
                                        VOUCHED,
                                        ServiceCredential.HEADER,
                                        "wrong-credential"))
                        .statusCode());
        assertEquals(404, kg.node(brand, TestServiceCredential.VALUE).statusCode(), "nothing was written");
    }

    @Test
    void aMalformedAssertionIsA400NamingTheHeader() throws Exception {
        AdminCalls kg = new AdminCalls(base);
        String brand = kg.uniqueBrand();
        var refused = kg.createNode(
                brand, Map.of(ServiceCredential.HEADER, TestServiceCredential.VALUE, AdminActor.HEADER, "alice; drop"));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains(AdminActor.HEADER), refused.body());
        assertEquals(404, kg.node(brand, TestServiceCredential.VALUE).statusCode());
    }

    @Test
    void aConfiguredKeyIsStillTheAuditedActorAsBefore() throws Exception {
        AdminCalls kg = new AdminCalls(base);
        String brand = kg.uniqueBrand();
        var created = kg.createNode(
                brand,
                Map.of(
                        "Authorization",
                        "Bearer test-admin-key",
                        ServiceCredential.HEADER,
                        TestServiceCredential.VALUE));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(AdminActor.ofKey("test-admin-key"), kg.actorOfLastEdit(brand, TestServiceCredential.VALUE));
    }
}
