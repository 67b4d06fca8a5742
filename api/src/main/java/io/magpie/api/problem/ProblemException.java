package io.magpie.api.problem;

import java.util.List;

/** Thrown by service code to answer with a specific problem; mapped to problem+json by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final int retryAfterSeconds;

    /** Retry-After of {@link #storeUnavailable}. */
    public static final int STORE_RETRY_AFTER_SECONDS = 5;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        this(status, title, detail, errors, 0);
    }

    private ProblemException(
            int status, String title, String detail, List<Problem.FieldError> errors, int retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(
                400, "Invalid input", field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    /** 503: nothing could answer for now; the answer says when to try again ({@code Retry-After}, seconds). */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(503, "Service unavailable", detail, List.of(), Math.max(1, retryAfterSeconds));
    }

    /**
     * 503: a data store cannot be reached (down, restarting); a restart takes seconds, so the answer says
     * {@code Retry-After} {@value #STORE_RETRY_AFTER_SECONDS} s.
     */
    public static ProblemException storeUnavailable(String title, String detail) {
        return new ProblemException(503, title, detail, List.of(), STORE_RETRY_AFTER_SECONDS);
    }

    /** The same problem (status, title, fields, Retry-After) told with more detail. */
    public ProblemException withDetail(String detail) {
        return new ProblemException(status, title, detail, errors, retryAfterSeconds);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** Seconds for {@code Retry-After}; 0 for none. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
