package io.magpie.encoder.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.testsupport.AuthorizationMatrix;
import io.magpie.testsupport.ServiceCredentialProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every endpoint of encoder-service answers each kind of caller as the authorisation matrix says (issue 14). */
@QuarkusTest
@TestProfile(ServiceCredentialProfile.class)
class AuthorizationMatrixTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyEndpointAnswersTheCallersOfTheMatrix() {
        assertEquals(
                List.of(),
                AuthorizationMatrix.disagreements(
                        "encoder",
                        base.toString().replaceAll("/$", ""),
                        AuthorizationMatrix.Secrets.ofTestProfile("storefront-key")));
    }
}
