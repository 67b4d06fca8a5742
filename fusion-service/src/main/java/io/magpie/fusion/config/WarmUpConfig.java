package io.magpie.fusion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the fuse path is warmed before the service reports ready ({@code magpie.fusion.warm-up.*}). */
@ConfigMapping(prefix = "magpie.fusion.warm-up")
public interface WarmUpConfig {

    /** Synthetic fuse calls made at start-up; 0 reports ready at once, cold. */
    @WithDefault("400")
    int calls();

    /** The most time the warm-up may take; readiness follows when it is spent, warm or not. */
    @WithDefault("20s")
    Duration budget();
}
