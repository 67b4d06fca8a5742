package io.magpie.api.retrieval;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A version of the collaborative item vectors, to serve from now on.
 *
 * @param version letters, digits and underscores, at most 40
 */
public record ItemVectorVersion(
        @NotNull @Pattern(regexp = PATTERN, message = RULE) String version) {

    public static final String PATTERN = "[A-Za-z0-9_]{1,40}";
    public static final String RULE = "must be 1 to 40 letters, digits or underscores";
}
