package io.magpie.fusion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The export of bought-together pairs to kg-service as ALSO_BOUGHT links ({@code magpie.fusion.also-bought.*};
 * docs/adr/0024).
 */
@ConfigMapping(prefix = "magpie.fusion.also-bought")
public interface AlsoBoughtConfig {

    /** Whether this replica exports on a schedule (every replica holds the same pairs: one is enough). */
    @WithDefault("true")
    boolean enabled();

    /** How often the strongest pairs are sent; the first export is one interval after start. */
    @WithDefault("1h")
    Duration interval();

    /** A product's strongest partners sent (the graph's complements need a few, not a long tail). */
    @WithDefault("10")
    int perItem();

    /** Pairs bought together by fewer shoppers than this are not sent (one shopper's basket is no pattern). */
    @WithDefault("2")
    int minSupport();

    /** Links per request to kg-service (it takes at most ten times its product batch size). */
    @WithDefault("1000")
    int batchSize();
}
