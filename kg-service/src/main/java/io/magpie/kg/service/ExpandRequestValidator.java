package io.magpie.kg.service;

import io.magpie.api.graph.ExpandRequest;
import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks an expansion request against the constraints declared on {@link ExpandRequest}, plus non-blank ids and
 * at least one of query, productIds and history, and names each bad field the way a caller wrote it
 * ({@code productIds[2]}, {@code k}).
 */
@ApplicationScoped
public class ExpandRequestValidator {

    private final Validator validator;

    public ExpandRequestValidator(Validator validator) {
        this.validator = validator;
    }

    public void validate(ExpandRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("the request body must be a JSON object with k and at least one of "
                    + "query, productIds and history");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<ExpandRequest> violation : validator.validate(request)) {
            errors.add(new Problem.FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        checkIds("productIds", request.productIds(), errors);
        checkIds("history", request.history(), errors);
        boolean noQuery = request.query() == null || request.query().isBlank();
        boolean noSeeds = request.productIds() == null || request.productIds().isEmpty();
        boolean noHistory = request.history() == null || request.history().isEmpty();
        if (noQuery && noSeeds && noHistory) {
            errors.add(new Problem.FieldError("productIds", "give at least one of query, productIds and history"));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
            // one entry per field: a missing list is both null and empty
            errors = new ArrayList<>(errors.stream()
                    .collect(Collectors.toMap(Problem.FieldError::field, e -> e, (a, b) -> a, LinkedHashMap::new))
                    .values());
            String detail = errors.stream()
                    .map(e -> e.field() + ": " + e.message())
                    .reduce((a, b) -> a + "; " + b)
                    .orElseThrow();
            throw new ProblemException(400, "Invalid input", detail, errors);
        }
    }

    private static void checkIds(String field, List<String> ids, List<Problem.FieldError> errors) {
        if (ids == null) {
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank()) {
                errors.add(new Problem.FieldError(field + "[" + i + "]", "must not be blank"));
            }
        }
    }

    /** "productIds[1].&lt;list element&gt;" becomes "productIds[1]". */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.toString();
    }
}
