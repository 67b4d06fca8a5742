package io.magpie.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the gateway relays graph admin calls and related-product reads to kg-service ({@code magpie.graph-proxy.*}). */
@ConfigMapping(prefix = "magpie.graph-proxy")
public interface GraphProxyConfig {

    /** How long one relayed call may take; a bulk import of many lines is the slowest. */
    @WithDefault("120s")
    Duration timeout();
}
