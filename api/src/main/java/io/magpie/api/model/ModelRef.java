package io.magpie.api.model;

/**
 * A model version as callers name it, {@code name@version}: encoder models, fusion models and every later kind.
 *
 * @param name    the model's name
 * @param version its version, null where the caller means the active one
 */
public record ModelRef(String name, String version) {

    /** What model names and versions may look like: they become folder names. */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

    /** {@code name@version}, or a name alone (version null). */
    public static ModelRef parse(String text) {
        int at = text.indexOf('@');
        return at < 0
                ? new ModelRef(text.strip(), null)
                : new ModelRef(
                        text.substring(0, at).strip(), text.substring(at + 1).strip());
    }

    public static ModelRef of(String name, String version) {
        return new ModelRef(name, version);
    }

    public static boolean isValidName(String value) {
        return value != null && value.matches(NAME_PATTERN);
    }

    /** Both parts are valid names (the version may be absent). */
    public boolean isValid() {
        return isValidName(name) && (version == null || isValidName(version));
    }

    /** This model with another version. */
    public ModelRef withVersion(String newVersion) {
        return new ModelRef(name, newVersion);
    }

    @Override
    public String toString() {
        return version == null ? name : name + "@" + version;
    }
}
