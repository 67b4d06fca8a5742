package io.magpie.retrieval.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.testsupport.AuthorizationMatrix;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.magpie.testsupport.ServiceCredentialProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every endpoint of retrieval-service answers each kind of caller as the authorisation matrix says (issue 14). */
@QuarkusTest
@TestProfile(ServiceCredentialProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = MilvusTestResource.class, restrictToAnnotatedClass = true)
class AuthorizationMatrixTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyEndpointAnswersTheCallersOfTheMatrix() {
        List<String> disagreements = AuthorizationMatrix.disagreements(
                        "retrieval",
                        base.toString().replaceAll("/$", ""),
                        AuthorizationMatrix.Secrets.ofTestProfile("storefront-key"))
                .stream()
                // kg-service's stand-in that other tests of this module serve (RefusingKnowledgeGraph)
                .filter(disagreement -> !disagreement.contains(" /v1/graph/products"))
                .toList();
        assertEquals(List.of(), disagreements);
    }
}
