package io.magpie.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a background job stands (fine-tuning, collaborative training); lower-case in JSON. */
public enum JobState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }

    @JsonValue
    public String json() {
        return JsonEnums.name(this);
    }

    @JsonCreator
    public static JobState fromJson(String value) {
        return JsonEnums.parse(JobState.class, "state", value);
    }
}
