package io.magpie.encoder.training;

/** A model version as callers name it, {@code name@version}. */
public record ModelRef(String name, String version) {

    /** What model names and versions may look like: they become folder names. */
    static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

    /** {@code name@version}, or a name alone (version null). */
    public static ModelRef parse(String text) {
        int at = text.indexOf('@');
        return at < 0 ? new ModelRef(text.strip(), null)
                : new ModelRef(text.substring(0, at).strip(), text.substring(at + 1).strip());
    }

    public static boolean isValidName(String value) {
        return value != null && value.matches(NAME_PATTERN);
    }

    @Override
    public String toString() {
        return version == null ? name : name + "@" + version;
    }
}
