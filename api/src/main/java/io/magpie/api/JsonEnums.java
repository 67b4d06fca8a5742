package io.magpie.api;

import java.util.Arrays;
import java.util.Locale;

/** Enums travel in JSON and query strings as lower-case names; an unknown name is refused with the known ones. */
public final class JsonEnums {

    private JsonEnums() {}

    public static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant named {@code value} (any case), null for null.
     *
     * @throws IllegalArgumentException naming {@code what}, the unknown value and the known ones
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String what, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown %s '%s'; known: %s"
                    .formatted(
                            what,
                            value,
                            Arrays.stream(type.getEnumConstants())
                                    .map(JsonEnums::name)
                                    .toList()));
        }
    }
}
