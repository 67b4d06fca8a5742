package io.magpie.eval.metrics;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The judgements of one query (or one user, for recommendations): a gain per judged item, and the gain from which an
 * item counts as relevant for the set-based measures (recall, hit rate, reciprocal rank).
 *
 * <p>Items not in {@code gains} are unjudged: gain 0 and not relevant. A judged item with gain 0 (ESCI's I) is
 * judged non-relevant; for every measure here that is the same as unjudged.
 *
 * @param gains        item id to gain, every gain finite and {@code >= 0}
 * @param relevantGain the smallest gain of a relevant item, {@code > 0}
 */
public record Relevance(Map<String, Double> gains, double relevantGain) {

    public Relevance {
        Objects.requireNonNull(gains, "gains");
        gains.forEach((id, gain) -> {
            if (id == null || gain == null || !Double.isFinite(gain) || gain < 0) {
                throw new IllegalArgumentException("gain of '" + id + "' must be finite and >= 0, was " + gain);
            }
        });
        if (!(relevantGain > 0) || !Double.isFinite(relevantGain)) {
            throw new IllegalArgumentException("relevantGain must be finite and > 0, was " + relevantGain);
        }
        gains = Map.copyOf(gains);
    }

    /** Binary judgements: each given id has gain 1 and is relevant; everything else is not. */
    public static Relevance binary(Collection<String> relevantIds) {
        Map<String, Double> gains = new HashMap<>();
        relevantIds.forEach(id -> gains.put(id, 1.0));
        return new Relevance(gains, 1.0);
    }

    /** One relevant item, as in leave-one-out recommendation: NDCG and hit rate of the held-out target. */
    public static Relevance single(String target) {
        return binary(List.of(target));
    }

    /** The gain of {@code id}; 0 when unjudged. */
    public double gain(String id) {
        return gains.getOrDefault(id, 0.0);
    }

    public boolean isRelevant(String id) {
        return gain(id) >= relevantGain;
    }

    /** How many judged items are relevant: the denominator of recall. */
    public int relevantCount() {
        int count = 0;
        for (double gain : gains.values()) {
            if (gain >= relevantGain) {
                count++;
            }
        }
        return count;
    }

    /** The positive gains of all judged items, largest first: the ideal ranking's gains. */
    public double[] idealGains() {
        return gains.values().stream()
                .mapToDouble(Double::doubleValue)
                .filter(g -> g > 0)
                .boxed()
                .sorted((a, b) -> Double.compare(b, a))
                .mapToDouble(Double::doubleValue)
                .toArray();
    }
}
