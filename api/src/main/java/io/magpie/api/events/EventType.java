package io.magpie.api.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.magpie.api.JsonEnums;

/** What a shopper did with a product, from the weakest to the strongest signal of interest. */
public enum EventType {
    VIEW,
    CLICK,
    ADD_TO_CART,
    PURCHASE;

    @JsonValue
    public String json() {
        return JsonEnums.name(this);
    }

    @JsonCreator
    public static EventType fromJson(String value) {
        return JsonEnums.parse(EventType.class, "event type", value);
    }
}
