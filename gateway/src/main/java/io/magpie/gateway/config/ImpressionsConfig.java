package io.magpie.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The impression recorder: every served search and recommendation list, sent to fusion-service in the background
 * (docs/adr/0030; {@code magpie.gateway.impressions.*}).
 */
@ConfigMapping(prefix = "magpie.gateway.impressions")
public interface ImpressionsConfig {

    /** false: nothing is recorded, buffered or sent (answers are unchanged). */
    @WithDefault("true")
    boolean enabled();

    /** Served lists held in memory while waiting to be sent; a list offered to a full buffer is dropped. */
    @WithDefault("10000")
    int bufferSize();

    /** The most lists one call to fusion-service carries (at most its max-batch-size). */
    @WithDefault("200")
    int batchSize();

    /** How long the sender waits for a batch to fill before it sends what it has. */
    @WithDefault("1s")
    Duration flushInterval();

    /** Tries of one batch before its lists are dropped (a refused batch, 4xx, is not tried again). */
    @WithDefault("5")
    int maxAttempts();

    /** Wait before the first retry; doubled after each failed try, up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("10s")
    Duration maxBackoff();

    /** How long one call to fusion-service may take before it counts as failed. */
    @WithDefault("5s")
    Duration sendTimeout();
}
