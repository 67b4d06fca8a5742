package io.magpie.kg.rest;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.magpie.api.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Well-formed JSON of the wrong shape ({@code "k": "many"}, a string where a list belongs) as a problem+json
 * that names the field. Without it, quarkus-rest-jackson's built-in mapper for {@link MismatchedInputException}
 * would answer with its own plain JSON body instead of the shared {@code ProblemMappers} shape.
 */
public class JsonBindingProblemMapper {

    /** The one endpoint whose body is a top-level array names its elements like this. */
    private static final String PRODUCT_BATCH = "products";

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = fieldOf(e.getPath());
        String message = "has the wrong JSON type" + (e.getTargetType() == null ? ""
                : ", expected " + describe(e.getTargetType()));
        List<Problem.FieldError> errors = List.of(new Problem.FieldError(field, message));
        Problem problem = new Problem("urn:magpie:problem:400", "Malformed JSON", 400,
                "the request body does not fit this endpoint: " + field + " " + message, uri.getPath(), errors);
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** Jackson's reference chain as the caller wrote it: {@code products[0].category}, {@code k}. */
    static String fieldOf(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                if (field.isEmpty()) {
                    field.append(PRODUCT_BATCH);
                }
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
