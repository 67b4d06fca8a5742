package io.magpie.api.fusion;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.magpie.api.JsonEnums;

/** How candidate lists are merged into one ranking. */
public enum FusionStrategy {
    /** Reciprocal rank fusion, k = 60. */
    RRF;

    @JsonValue
    public String json() {
        return JsonEnums.name(this);
    }

    @JsonCreator
    public static FusionStrategy fromJson(String value) {
        return JsonEnums.parse(FusionStrategy.class, "strategy", value);
    }
}
