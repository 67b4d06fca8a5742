package io.magpie.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.sqlclient.DatabaseException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a service into an RFC 9457 problem+json answer: invalid input is a 4xx that
 * names the field, anything unexpected is a 500 without internals. Shared by all services (indexed by Jandex).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response answer = respond(Problem.of(e.status(), e.title(), e.getMessage(), uri.getPath(), e.errors()));
        return e.retryAfterSeconds() > 0
                ? Response.fromResponse(answer)
                        .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                        .build()
                : answer;
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream()
                .map(f -> f.field() + ": " + f.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid input");
        return respond(Problem.of(400, "Invalid input", detail, uri.getPath(), errors));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return respond(Problem.of(
                400,
                "Malformed JSON",
                "the request body is not valid JSON for this endpoint" + where + ": " + e.getOriginalMessage(),
                uri.getPath()));
    }

    /**
     * Well-formed JSON of the wrong shape ({@code "size": "many"}). Priority between a service's own mapper (which
     * may name a top-level array, see kg-service) and Quarkus's built-in one (5100), which answers an empty 400.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 50)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return mismatchedInputProblem(e, uri.getPath(), "body");
    }

    /**
     * The problem for JSON of the wrong shape, naming the field as the caller wrote it ({@code lists[0].score});
     * the elements of a top-level array are named {@code topLevelArray[i]}.
     */
    public static Response mismatchedInputProblem(MismatchedInputException e, String path, String topLevelArray) {
        String field = fieldOf(e.getPath(), topLevelArray);
        String message = "has the wrong JSON type"
                + (e.getTargetType() == null ? "" : ", expected " + describe(e.getTargetType()));
        return respond(Problem.of(
                400,
                "Malformed JSON",
                "the request body does not fit this endpoint: " + field + " " + message,
                path,
                List.of(new Problem.FieldError(field, message))));
    }

    private static String fieldOf(List<JsonMappingException.Reference> path, String topLevelArray) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append(field.isEmpty() ? topLevelArray : "")
                        .append('[')
                        .append(reference.getIndex())
                        .append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // Quarkus REST wraps body parse errors; the caller needs the parser's words, not "Bad Request".
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType == null ? "Error" : statusType.getReasonPhrase();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return respond(Problem.of(status, title, e.getMessage(), uri.getPath()));
    }

    /**
     * A store or peer that refuses connections (down, restarting: PostgreSQL for a moment after a crash) is a 503
     * that says when to retry, not a 500: the request changed nothing and will work again in seconds.
     */
    @ServerExceptionMapper
    public Response connectionRefused(ConnectException e, UriInfo uri) {
        LOG.warnf("a dependency cannot be reached: %s", e.getMessage());
        return problem(
                ProblemException.storeUnavailable(
                        "Dependency unavailable",
                        "a store this service needs cannot be reached right now; retry later"),
                uri);
    }

    /**
     * A database that is starting up, shutting down or whose connection broke (SQLSTATE classes 57P and 08; PostgreSQL
     * answers "the database system is starting up" for a moment after a restart) is, like a refused connection, a 503
     * that says when to retry. Any other database error stays a 500.
     */
    @ServerExceptionMapper
    public Response database(DatabaseException e, UriInfo uri) {
        String state = e.getSqlState();
        if (state != null && (state.startsWith("57P") || state.startsWith("08"))) {
            LOG.warnf("the database is not available: %s (%s)", e.getMessage(), state);
            return problem(
                    ProblemException.storeUnavailable(
                            "Dependency unavailable", "the database this service needs is restarting; retry later"),
                    uri);
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("unexpected failure", e);
        return respond(Problem.of(
                500,
                "Internal error",
                "the request could not be completed; the failure is logged on the server",
                uri.getPath()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    /**
     * The field as a caller names it: "search.q" becomes "q", "encode.request.texts[2].<list element>" becomes
     * "texts[2]". Callers know their parameters and JSON fields, not our Java method names.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            // The validator puts the index of a list element on the node after the list.
            if (node.isInIterable() && node.getIndex() != null && !field.isEmpty()) {
                field.append('[').append(node.getIndex()).append(']');
            }
            boolean queryParameter = node.getKind() == ElementKind.PARAMETER && i == nodes.size() - 1;
            if (node.getKind() == ElementKind.PROPERTY || queryParameter) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.isEmpty() ? violation.getPropertyPath().toString() : field.toString();
    }
}
