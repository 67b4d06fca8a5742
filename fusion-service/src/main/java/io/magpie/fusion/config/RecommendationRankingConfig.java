package io.magpie.fusion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** How recommendation candidates are ranked ({@code magpie.fusion.recommendations.*}). */
@ConfigMapping(prefix = "magpie.fusion.recommendations")
public interface RecommendationRankingConfig {

    /**
     * Weight of each source's min-max normalised score, {@code magpie.fusion.recommendations.weights.<source>};
     * defaults in application.properties, chosen on the validation split of Amazon Scientific
     * (docs/eval/rec-scientific-platform.md).
     */
    Map<String, Double> weights();

    /** Weight of a source that {@link #weights()} does not name. */
    @WithDefault("0.1")
    double unlistedSourceWeight();
}
