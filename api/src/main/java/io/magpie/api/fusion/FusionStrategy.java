package io.magpie.api.fusion;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.magpie.api.JsonEnums;

/**
 * How candidate lists are merged into one ranking. The score-based strategies ({@link #WEIGHTED}, {@link #MAX})
 * first min-max normalise each list's scores within that list (sources score on different scales), so every
 * source's best candidate scores 1.0 and its worst 0.0; a list of one item, or one whose scores are all equal,
 * normalises to 1.0.
 */
public enum FusionStrategy {
    /** Reciprocal rank fusion, k = 60: sum over sources of 1 / (k + rank). Scores are ignored. */
    RRF,
    /**
     * Weighted sum over sources of weight(source) * normalised score; each source's contribution is its
     * weighted normalised score.
     */
    WEIGHTED,
    /**
     * The largest normalised score over the sources that proposed the item; each source's contribution is its
     * normalised score, and the fused score is the largest of them.
     */
    MAX,
    /**
     * A learned ranker (docs/adr/0015): the model version a request names, else the active one. Scores are the
     * model's; each source's contribution is its rank-based share (reciprocal rank), for display only.
     */
    MODEL;

    @JsonValue
    public String json() {
        return JsonEnums.name(this);
    }

    @JsonCreator
    public static FusionStrategy fromJson(String value) {
        return JsonEnums.parse(FusionStrategy.class, "strategy", value);
    }
}
