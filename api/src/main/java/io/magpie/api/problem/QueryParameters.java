package io.magpie.api.problem;

/**
 * Strict parsing of query parameters, for every service. JAX-RS's own conversion reads {@code atomic=1} or
 * {@code dryRun=yes} as false (so an import the caller meant as a dry run is real), and answers a non-numeric
 * integer with 404; resources take such parameters as strings and parse them here, so a bad value is a 400
 * naming the parameter.
 */
public final class QueryParameters {

    private QueryParameters() {}

    /** {@code true} or {@code false} (any case); absent or empty is {@code whenAbsent}; anything else a 400. */
    public static boolean bool(String name, String raw, boolean whenAbsent) {
        if (raw == null || raw.isEmpty()) {
            return whenAbsent;
        }
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        if (raw.equalsIgnoreCase("false")) {
            return false;
        }
        throw ProblemException.invalidField(name, "must be true or false, got '" + shorten(raw) + "'");
    }

    /** A whole number in [min, max]; absent or empty is {@code whenAbsent}; anything else a 400. */
    public static int integer(String name, String raw, int whenAbsent, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return whenAbsent;
        }
        long value;
        try {
            value = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "must be a whole number, got '" + shorten(raw) + "'");
        }
        if (value < min || value > max) {
            throw ProblemException.invalidField(name, "must be between " + min + " and " + max + ", got " + value);
        }
        return (int) value;
    }

    private static String shorten(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 40) + "...";
    }
}
