package io.magpie.testsupport;

import io.magpie.api.security.ServiceCredential;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import java.util.Map;

/**
 * The service credential of every test run: each internal service a test resource starts gets it (by environment,
 * as in a deployment), and so does the service under test, whose clients then send it and whose own endpoints then
 * demand it, as in production. RestAssured, the tests' own client, sends it too; a test that means to call without
 * it uses another client.
 */
public final class TestServiceCredential {

    public static final String VALUE = "test-service-credential";

    /**
     * Adds the credential to every RestAssured request that does not carry one. A filter, not a default request
     * specification: a specification built here would also pin the port of the application started before it, and
     * every later test class (a new application on a new port) would call the old one.
     */
    private static final Filter SEND_CREDENTIAL = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName(ServiceCredential.HEADER)) {
            request.header(ServiceCredential.HEADER, VALUE);
        }
        return context.next(request, response);
    };

    private TestServiceCredential() {}

    /** The environment of a child service process. */
    public static Map<String, String> environment() {
        return Map.of("MAGPIE_SERVICE_CREDENTIAL", VALUE);
    }

    /** The configuration of the service under test, returned by a test resource that starts the services it calls. */
    public static Map<String, String> forServiceUnderTest() {
        if (!RestAssured.filters().contains(SEND_CREDENTIAL)) {
            RestAssured.filters(SEND_CREDENTIAL);
        }
        return Map.of(ServiceCredential.PROPERTY, VALUE);
    }
}
