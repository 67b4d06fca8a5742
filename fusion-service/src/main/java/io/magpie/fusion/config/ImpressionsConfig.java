package io.magpie.fusion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the impressions log: served lists and their export (docs/adr/0030; {@code magpie.fusion.impressions.*}). */
@ConfigMapping(prefix = "magpie.fusion.impressions")
public interface ImpressionsConfig {

    /** The most served lists one batch may carry; more is a 413 and nothing is stored. */
    @WithDefault("500")
    int maxBatchSize();

    /** The most items one served list may carry (a page or a recommendation list is far shorter). */
    @WithDefault("1000")
    int maxItems();

    /** The longest time window one export may ask for. */
    @WithDefault("31d")
    Duration exportMaxRange();

    /** Served lists read per query while an export streams. */
    @WithDefault("500")
    int exportChunk();
}
