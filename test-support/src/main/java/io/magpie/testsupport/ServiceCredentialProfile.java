package io.magpie.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A {@code @TestProfile} for the security tests of an internal service: the service under test demands the test
 * run's service credential ({@link TestServiceCredential}), as it does in production.
 */
public class ServiceCredentialProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return TestServiceCredential.forServiceUnderTest();
    }
}
