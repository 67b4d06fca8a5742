package io.magpie.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.gateway.keys.ApiKeysTest;
import io.magpie.testsupport.AuthorizationMatrix;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the gateway answers each kind of caller as the authorisation matrix says (issue 14). The
 * storefront key is a stored one, made through the admin API: the gateway refuses tokens it does not know. The
 * gateway is the edge and takes no service credential: a caller with one alone is a caller without a key.
 */
@QuarkusTest
@TestProfile(ApiKeysTest.ShortCache.class)
// the same profile and PostgreSQL as ApiKeysTest and AuthorizationMatrixTest: one start serves both
@WithTestResource(PostgresTestResource.class)
class AuthorizationMatrixTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyEndpointAnswersTheCallersOfTheMatrix() {
        String storefrontKey =
                ApiKeysTest.create("authorization matrix", "storefront").getString("secret");
        List<String> disagreements = AuthorizationMatrix.disagreements(
                        "gateway",
                        base.toString().replaceAll("/$", ""),
                        AuthorizationMatrix.Secrets.ofTestProfile(storefrontKey))
                .stream()
                // the console's pages take a session cookie, not a key: ConsoleSessionTest
                .filter(disagreement -> !disagreement.contains(" /admin"))
                .toList();
        assertEquals(List.of(), disagreements);
    }
}
