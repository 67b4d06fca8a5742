package io.magpie.gateway.console;

import jakarta.ws.rs.core.Response;

/**
 * A console request without a valid session (answered with a redirect to the sign-in page) or a change without the
 * session's CSRF token (403): the answer is a page or redirect for a browser, not a problem+json.
 */
public class ConsoleAccessDenied extends RuntimeException {

    private final transient Response response;

    public ConsoleAccessDenied(Response response) {
        super(null, null, false, false); // an expected refusal: no stack trace
        this.response = response;
    }

    public Response response() {
        return response;
    }
}
