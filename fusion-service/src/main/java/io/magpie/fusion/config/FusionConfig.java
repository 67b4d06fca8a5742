package io.magpie.fusion.config;

import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.fusion.ReciprocalRankFusion;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of fusion-service. */
@ConfigMapping(prefix = "magpie.fusion")
public interface FusionConfig {

    /** Strategy used when a request names none. */
    @WithDefault("rrf")
    FusionStrategy defaultStrategy();

    /** The k of reciprocal rank fusion: larger values flatten the advantage of top ranks. */
    @WithDefault("" + ReciprocalRankFusion.DEFAULT_K)
    int rrfK();
}
