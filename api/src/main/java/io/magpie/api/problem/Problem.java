package io.magpie.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer (media type {@code application/problem+json}).
 *
 * @param type     a URI naming the kind of problem
 * @param title    a short, fixed summary of that kind
 * @param status   the HTTP status
 * @param detail   what went wrong in this request, in words a caller can act on
 * @param instance the request path
 * @param errors   one entry per invalid field or input line, when the problem is invalid input
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail, String instance, List<FieldError> errors) {
        return new Problem("urn:magpie:problem:" + status, title, status, detail, instance, errors);
    }

    public static Problem of(int status, String title, String detail, String instance) {
        return of(status, title, detail, instance, List.of());
    }

    /** One invalid value: where it is ({@code field}, and {@code line} for bulk input) and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, Long line) {
        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }
}
