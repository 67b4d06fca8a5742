package io.magpie.fusion.config;

import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.fusion.ReciprocalRankFusion;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** Settings of fusion-service. */
@ConfigMapping(prefix = "magpie.fusion")
public interface FusionConfig {

    /** Strategy used when a request names none. */
    @WithDefault("rrf")
    FusionStrategy defaultStrategy();

    /** The k of reciprocal rank fusion: larger values flatten the advantage of top ranks. */
    @WithDefault("" + ReciprocalRankFusion.DEFAULT_K)
    int rrfK();

    /**
     * Weight of each source in the {@code weighted} strategy, {@code magpie.fusion.weights.<source>} (finite,
     * >= 0). The defaults, in application.properties: dense 1.0, lexical 1.0, graph 0.3 (graph neighbours are
     * weaker evidence of relevance to the query than a direct match).
     */
    Map<String, Double> weights();

    /** Weight of a source that {@link #weights()} does not name. */
    @WithDefault("1.0")
    double unlistedSourceWeight();
}
