package io.magpie.eval.bench;

import java.util.List;

/**
 * How one request ended.
 *
 * @param kind   answered in full, answered but degraded, or failed
 * @param detail for a degraded answer, the branches it names, comma-separated; for a failure, what went wrong
 *               (status and a bit of the body, or the exception); otherwise null
 */
public record Outcome(Kind kind, String detail) {

    public enum Kind {
        OK,
        DEGRADED,
        ERROR
    }

    public static final Outcome OK = new Outcome(Kind.OK, null);

    /** An answer that left out the named branches (sources, or the encoder, fusion, catalogue). */
    public static Outcome degraded(List<String> branches) {
        return new Outcome(Kind.DEGRADED, String.join(",", branches));
    }

    public static Outcome error(String detail) {
        return new Outcome(Kind.ERROR, detail);
    }
}
