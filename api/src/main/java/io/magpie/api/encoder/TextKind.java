package io.magpie.api.encoder;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.magpie.api.JsonEnums;

/** What a text is: a shopper's query or a product document. */
public enum TextKind {
    QUERY,
    DOCUMENT;

    @JsonValue
    public String json() {
        return JsonEnums.name(this);
    }

    @JsonCreator
    public static TextKind fromJson(String value) {
        return JsonEnums.parse(TextKind.class, "kind", value);
    }
}
