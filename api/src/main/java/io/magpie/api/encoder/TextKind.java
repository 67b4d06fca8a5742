package io.magpie.api.encoder;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a text is: a shopper's query or a product document. */
public enum TextKind {
    QUERY, DOCUMENT;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TextKind fromJson(String value) {
        if (value == null) {
            return null;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown %s '%s'; known: %s".formatted(
                    "kind", value, java.util.Arrays.stream(values()).map(v -> v.json()).toList()));
        }
    }
}
