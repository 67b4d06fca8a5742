package io.magpie.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the gateway relays behaviour events to fusion-service ({@code magpie.events-relay.*}). */
@ConfigMapping(prefix = "magpie.events-relay")
public interface EventsRelayConfig {

    /** How long fusion-service may take to store a batch (or link, or delete) before the caller gets a 503. */
    @WithDefault("30s")
    Duration timeout();
}
