package io.magpie.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Recommendations at the gateway ({@code magpie.gateway.recommendations.*}). */
@ConfigMapping(prefix = "magpie.gateway.recommendations")
public interface RecommendationsConfig {

    /** Items per answer when the request says nothing. */
    @WithDefault("10")
    int defaultSize();

    /** Candidates each source contributes before ranking. */
    @WithDefault("100")
    int candidatesPerSource();

    /** A user's most recent distinct products that the sources start from. */
    @WithDefault("20")
    int historyItems();

    /** How many of the most recent items seed content similarity (one vector search each). */
    @WithDefault("3")
    int similarSeeds();

    /** How many of the most recent purchases (else recent items) seed the graph's complements. */
    @WithDefault("5")
    int graphSeeds();

    /**
     * A shopper's collaborative vector is the weighted mean of their recent items' vectors, the i-th most recent
     * weighing this to the power i (chosen on the validation split, docs/eval/rec-scientific-platform.md).
     */
    @WithDefault("0.5")
    double collaborativeRecencyDecay();

    Timeouts timeouts();

    /** Each branch gives up after its timeout; the answer then names it in {@code degraded}. */
    interface Timeouts {

        @WithDefault("1s")
        Duration profile();

        @WithDefault("1s")
        Duration cooccurrence();

        @WithDefault("2s")
        Duration similar();

        @WithDefault("2s")
        Duration collaborative();

        @WithDefault("2s")
        Duration graph();

        @WithDefault("1s")
        Duration popularity();

        @WithDefault("2s")
        Duration hydrate();

        @WithDefault("1s")
        Duration rank();
    }
}
