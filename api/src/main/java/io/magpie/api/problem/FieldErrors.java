package io.magpie.api.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects every invalid field of an input, so that one answer names them all. */
public final class FieldErrors {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    /** The value, or null after recording the {@link IllegalArgumentException}'s message against {@code field}. */
    public <T> T check(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            add(field, e.getMessage());
            return null;
        }
    }

    public FieldErrors add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return this;
    }

    public FieldErrors add(Problem.FieldError error) {
        errors.add(error);
        return this;
    }

    public int size() {
        return errors.size();
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<Problem.FieldError> errors() {
        return List.copyOf(errors);
    }

    /** A 400 naming every field collected so far, when there is any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    /** A 400 "Invalid input" whose detail lists the fields (and lines) at fault. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.stream()
                .map(e -> (e.line() == null ? "" : "line " + e.line() + ": ") + e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid input");
        return new ProblemException(400, "Invalid input", detail, errors);
    }
}
