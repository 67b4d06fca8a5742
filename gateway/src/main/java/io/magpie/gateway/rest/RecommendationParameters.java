package io.magpie.gateway.rest;

import io.magpie.api.problem.FieldErrors;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks of the recommendation routes' parameters; each problem is added to the request's field errors. */
final class RecommendationParameters {

    static final int MAX_SIZE = 100;
    static final int MAX_EXCLUDED = 100;
    static final int MAX_ID_LENGTH = 200;

    private RecommendationParameters() {}

    static int size(FieldErrors errors, String raw, int whenAbsent) {
        if (raw == null) {
            return whenAbsent;
        }
        try {
            int size = Integer.parseInt(raw.strip());
            if (size >= 1 && size <= MAX_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add("size", "must be a whole number from 1 to " + MAX_SIZE);
        return 0;
    }

    static String category(FieldErrors errors, String category) {
        if (category == null) {
            return null;
        }
        if (category.isBlank()) {
            errors.add("category", "must not be blank (leave it out for all categories)");
            return null;
        }
        return category.strip();
    }

    static void checkId(FieldErrors errors, String field, String id) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            errors.add(field, "must be 1 to " + MAX_ID_LENGTH + " characters");
        }
    }

    static Set<String> ids(FieldErrors errors, String field, List<String> ids, int max) {
        if (ids == null) {
            return Set.of();
        }
        if (ids.size() > max) {
            errors.add(field, "must hold at most " + max + " product ids");
            return Set.of();
        }
        Set<String> valid = new LinkedHashSet<>();
        for (String id : ids) {
            if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
                errors.add(field, "product ids must be 1 to " + MAX_ID_LENGTH + " characters");
                return Set.of();
            }
            valid.add(id.strip());
        }
        return valid;
    }
}
