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

    Limits limits();

    Breakers breakers();

    /** Per-key request rates and per-endpoint body sizes, so one client cannot starve the others. */
    interface Limits {

        /** Off: no request is ever refused for its rate. */
        @WithDefault("true")
        boolean rateLimitsEnabled();

        /** Each storefront key (any other bearer token), and each address that calls without a key. */
        @WithDefault("50")
        double storefrontPerSecond();

        @WithDefault("100")
        int storefrontBurst();

        /** Each trusted key (evaluation, relevance tools, benchmarks): they run whole query sets. */
        @WithDefault("1000")
        double trustedPerSecond();

        @WithDefault("2000")
        int trustedBurst();

        /** Each admin key (admin tools also evaluate and benchmark with it). */
        @WithDefault("1000")
        double adminPerSecond();

        @WithDefault("2000")
        int adminBurst();

        /** Keys whose buckets are remembered at once; the least recently seen are forgotten first. */
        @WithDefault("100000")
        long trackedKeys();

        /** Largest request body in bytes, where no endpoint below says otherwise. */
        @WithDefault("65536")
        long bodyBytes();

        /** Largest body of POST /api/v1/events (1,000 events). */
        @WithDefault("1048576")
        long eventsBodyBytes();

        /** Largest body under /api/v1/admin/graph (bulk imports). */
        @WithDefault("104857600")
        long graphImportBodyBytes();

        /** Largest body of the streamed bulk ingest (POST /api/v1/admin/products); 0 for no limit. */
        @WithDefault("0")
        long ingestBodyBytes();
    }

    /** Routes that only forward to the owning service (admin calls, related products). */
    interface Relay {

        /** How long one relayed call may wait for the service; a bulk graph import is the slowest. */
        @WithDefault("120s")
        Duration timeout();

        /** How long a streamed bulk ingest may take from its first byte to the service's answer. */
        @WithDefault("1h")
        Duration streamTimeout();

        /** Retry-After of the 503 answered when the service cannot be reached (nothing was changed). */
        @WithDefault("5s")
        Duration unavailableRetryAfter();
    }

    interface Search {

        /** Retry-After of the 503 answered when no candidate source answered a search. */
        @WithDefault("5s")
        Duration unavailableRetryAfter();

        /** Results per page when the request says nothing. */
        @WithDefault("10")
        int defaultSize();

        /**
         * Candidates each source contributes before fusion: the depth of the candidate set that pages, filters,
         * sorts, facets and totals cover (a category listing takes this many of the category too).
         */
        @WithDefault("100")
        int candidatesPerSource();

        /** How many of the best dense hits seed the graph expansion. */
        @WithDefault("5")
        int graphSeeds();

        Timeouts timeouts();

        RankingCache rankingCache();

        VectorCache vectorCache();

        Facets facets();
    }

    /**
     * The fused ranking of a request is kept this long, so that its pages come from one ranking even while the
     * catalogue changes. Off: every page ranks again (pages may then overlap or skip items when the catalogue
     * changed between them; a cursor whose ranking changed is refused with 410).
     */
    interface RankingCache {

        @WithDefault("true")
        boolean enabled();

        /** How long a ranking is kept after it was made; a shopper's paging should fit in it. */
        @WithDefault("5m")
        Duration expiry();

        /** How long a ranking made while a branch failed (a degraded one) is kept: long enough to page on. */
        @WithDefault("15s")
        Duration degradedExpiry();

        /** Items of all kept rankings together (each item holds a few hundred bytes of catalogue data). */
        @WithDefault("300000")
        long maxItems();
    }

    /**
     * Query vectors by query text. A newly activated encoder version reaches cached queries only after
     * {@code expiry}; set it short or turn the cache off while switching models.
     */
    interface VectorCache {

        @WithDefault("true")
        boolean enabled();

        @WithDefault("10000")
        long maxEntries();

        @WithDefault("10m")
        Duration expiry();
    }

    interface Facets {

        /** Upper bounds of the price buckets (the first starts at 0, the last has no upper bound). */
        @WithDefault("10,25,50,100,250,500")
        List<Double> priceBounds();

        /** Brands listed, most frequent first (selected brands are always listed). */
        @WithDefault("50")
        int maxBrands();
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

    /**
     * The circuit breaker and bulkhead of each outbound branch of a search or recommendation (docs/adr/0027): a
     * branch whose peer keeps failing or hanging is skipped at once (degraded) instead of costing every request its
     * timeout, and probed again after {@code delay}.
     */
    interface Breakers {

        /** Off: every call waits for its own timeout, however often its branch failed just before. */
        @WithDefault("true")
        boolean enabled();

        /** The last this many calls of a branch decide whether its breaker opens. */
        @WithDefault("8")
        int window();

        /** Share of failed or timed-out calls among the last {@code window} that opens the breaker. */
        @WithDefault("0.75")
        double failureRatio();

        /** How long an open breaker skips its branch before it lets probe calls through (half-open). */
        @WithDefault("3s")
        Duration delay();

        /** Successful probes in a row that close the breaker again; a failed probe opens it for another delay. */
        @WithDefault("2")
        int successThreshold();

        /** Calls of one branch in flight at once; more wait in the queue. */
        @WithDefault("32")
        int concurrentCalls();

        /** Calls of one branch waiting for a place; more are refused at once (the branch degrades). */
        @WithDefault("64")
        int queuedCalls();
    }
}
