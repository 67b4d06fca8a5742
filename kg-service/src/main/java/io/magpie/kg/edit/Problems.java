package io.magpie.kg.edit;

import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects every invalid field of an input, so that one answer names them all. */
final class Problems {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    /** The value, or null after recording the {@link IllegalArgumentException}'s message against {@code field}. */
    <T> T check(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            add(field, e.getMessage());
            return null;
        }
    }

    void add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    List<Problem.FieldError> errors() {
        return errors;
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> (e.line() == null ? "" : "line " + e.line() + ": ")
                        + e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid input");
        return new ProblemException(400, "Invalid input", detail, errors);
    }
}
