package io.magpie.eval.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A service answered other than 2xx. The message names the request and, for a problem+json answer, its
 * {@code detail} (Magpie's services name the invalid field there), so that a tool's error says what to fix.
 */
public final class HttpStatusException extends IOException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String body;
    private final String detail;

    /**
     * @param request what was asked, e.g. {@code GET /api/v1/search}
     * @param body    the answer's body as text (problem+json from Magpie's services, or anything)
     */
    public HttpStatusException(String request, int status, String body) {
        this(request, status, body, problemDetail(body));
    }

    private HttpStatusException(String request, int status, String body, String detail) {
        super(request + " answered " + status + ": " + detail);
        this.status = status;
        this.body = body;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    /** The answer's body as sent. */
    public String body() {
        return body;
    }

    /** The problem's {@code detail}; the whole body when it is not problem+json or has none. */
    public String detail() {
        return detail;
    }

    static String problemDetail(String body) {
        try {
            String detail =
                    JSON.readTree(body == null ? "" : body).path("detail").asText("");
            return detail.isBlank() ? body : detail;
        } catch (IOException e) {
            return body;
        }
    }
}
