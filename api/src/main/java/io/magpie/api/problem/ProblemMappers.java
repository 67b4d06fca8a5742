package io.magpie.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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
        return respond(Problem.of(e.status(), e.title(), e.getMessage(), uri.getPath(), e.errors()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid input");
        return respond(Problem.of(400, "Invalid input", detail, uri.getPath(), errors));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
        return respond(Problem.of(400, "Malformed JSON",
                "the request body is not valid JSON for this endpoint" + where + ": " + e.getOriginalMessage(),
                uri.getPath()));
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

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("unexpected failure", e);
        return respond(Problem.of(500, "Internal error",
                "the request could not be completed; the failure is logged on the server", uri.getPath()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
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
