package io.magpie.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** API keys kept (hashed) in the gateway's PostgreSQL database, next to the configured bootstrap keys. */
@ConfigMapping(prefix = "magpie.gateway.keys")
public interface ApiKeysConfig {

    /**
     * How long a replica trusts what it last read of a key: the bound on how late a revocation or rotation made on
     * another replica takes effect there (the replica that made it forgets the key at once).
     */
    @WithDefault("5s")
    Duration cacheExpiry();

    /** Keys remembered at once per replica; the least recently used are read again first. */
    @WithDefault("10000")
    long cacheMaxEntries();

    /** A key's last use is written at most this often per replica (coarse on purpose: no write per request). */
    @WithDefault("1m")
    Duration lastUsedGranularity();

    /** True: storefront endpoints refuse callers without a key (401); false (the demo's default) serves them. */
    @WithDefault("false")
    boolean requireKey();
}
