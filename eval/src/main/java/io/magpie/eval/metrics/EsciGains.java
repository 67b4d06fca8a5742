package io.magpie.eval.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * The ESCI gain scheme of the KDD Cup 2022 (and of {@code ../shared/datasets/README.md}): E = 1, S = 0.1, C = 0.01,
 * I = 0; unjudged products 0. Relevant, for recall and reciprocal rank, means exact (E).
 */
public final class EsciGains {

    public static final double EXACT = 1.0;
    public static final double SUBSTITUTE = 0.1;
    public static final double COMPLEMENT = 0.01;
    public static final double IRRELEVANT = 0.0;

    private EsciGains() {}

    /** The gain of an ESCI label (E, S, C or I). */
    public static double gain(String label) {
        return switch (label.strip()) {
            case "E" -> EXACT;
            case "S" -> SUBSTITUTE;
            case "C" -> COMPLEMENT;
            case "I" -> IRRELEVANT;
            default -> throw new IllegalArgumentException("unknown ESCI label '" + label + "'; known: E, S, C, I");
        };
    }

    /** The judgements of one query from its labels (product id to E, S, C or I); relevant = E. */
    public static Relevance relevance(Map<String, String> labels) {
        Map<String, Double> gains = new HashMap<>();
        labels.forEach((id, label) -> gains.put(id, gain(label)));
        return new Relevance(gains, EXACT);
    }
}
