package io.magpie.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the gateway. */
@ConfigMapping(prefix = "magpie.gateway")
public interface GatewayConfig {

    /** Keys accepted as {@code Authorization: Bearer <key>} on /api/v1/admin; none configured means no admin access. */
    Optional<List<String>> adminKeys();

    /**
     * Keys of trusted clients (evaluation, relevance tools) that may choose a search's {@code sources} and
     * {@code strategy}; admin keys may too. Storefronts get the configured ranking.
     */
    Optional<List<String>> trustedKeys();

    Search search();

    Relay relay();

    /** Routes that only forward to the owning service (admin calls, related products). */
    interface Relay {

        /** How long one relayed call may wait for the service; a bulk graph import is the slowest. */
        @WithDefault("120s")
        Duration timeout();

        /** How long a streamed bulk ingest may take from its first byte to the service's answer. */
        @WithDefault("1h")
        Duration streamTimeout();
    }

    interface Search {

        /** Results per page when the request says nothing. */
        @WithDefault("10")
        int defaultSize();

        /** Candidates each source contributes before fusion. */
        @WithDefault("100")
        int candidatesPerSource();

        /** How many of the best dense hits seed the graph expansion. */
        @WithDefault("5")
        int graphSeeds();

        Timeouts timeouts();
    }

    /** Each branch of a search gives up after its timeout; the answer is then marked degraded. */
    interface Timeouts {

        @WithDefault("3s")
        Duration encode();

        @WithDefault("2s")
        Duration dense();

        @WithDefault("2s")
        Duration lexical();

        @WithDefault("2s")
        Duration graph();

        @WithDefault("1s")
        Duration fusion();

        @WithDefault("2s")
        Duration hydrate();
    }
}
