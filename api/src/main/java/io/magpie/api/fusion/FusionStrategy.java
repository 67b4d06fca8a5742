package io.magpie.api.fusion;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How candidate lists are merged into one ranking. */
public enum FusionStrategy {
    /** Reciprocal rank fusion, k = 60. */
    RRF;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FusionStrategy fromJson(String value) {
        if (value == null) {
            return null;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown %s '%s'; known: %s".formatted(
                    "strategy", value, java.util.Arrays.stream(values()).map(v -> v.json()).toList()));
        }
    }
}
