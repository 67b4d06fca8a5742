package io.magpie.api.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.magpie.api.JsonEnums;

/** What became of one event of a batch. */
public enum EventStatus {
    /** Stored now (committed before the answer). */
    ACCEPTED,
    /** An event with this id was stored before (or earlier in the same batch); nothing changed. */
    DUPLICATE,
    /** Invalid; not stored. The outcome's errors name the fields at fault. */
    REJECTED;

    @JsonValue
    public String json() {
        return JsonEnums.name(this);
    }

    @JsonCreator
    public static EventStatus fromJson(String value) {
        return JsonEnums.parse(EventStatus.class, "event status", value);
    }
}
