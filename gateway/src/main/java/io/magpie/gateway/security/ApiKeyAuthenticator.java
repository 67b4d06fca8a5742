package io.magpie.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.magpie.api.keys.ApiKeyScope;
import io.magpie.api.security.AdminActor;
import io.magpie.api.security.ApiKeys;
import io.magpie.gateway.config.ApiKeysConfig;
import io.magpie.gateway.config.GatewayConfig;
import io.magpie.gateway.model.ApiKeySecret;
import io.magpie.gateway.model.StoredApiKey;
import io.magpie.gateway.store.ApiKeyStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Finds the scope of a bearer token: a configured (bootstrap) admin or trusted key first, then a stored key by its
 * id. What was read of a stored key is kept for {@code magpie.gateway.keys.cache-expiry}, so a search does not read
 * the database each time; that expiry bounds how late a change made on another replica is seen here.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    private static final Logger LOG = Logger.getLogger(ApiKeyAuthenticator.class);

    private final ApiKeys configuredAdmin;
    private final ApiKeys configuredTrusted;
    private final ApiKeyStore store;
    private final Cache<String, Optional<StoredApiKey>> keys;
    private final Cache<String, Boolean> recentlyRecorded;
    private final Clock clock = Clock.systemUTC();

    public ApiKeyAuthenticator(GatewayConfig gateway, ApiKeysConfig config, ApiKeyStore store) {
        this.configuredAdmin = new ApiKeys(gateway.adminKeys().orElse(List.of()));
        this.configuredTrusted = new ApiKeys(gateway.trustedKeys().orElse(List.of()));
        this.store = store;
        this.keys = Caffeine.newBuilder()
                .maximumSize(config.cacheMaxEntries())
                .expireAfterWrite(config.cacheExpiry())
                .build();
        this.recentlyRecorded = Caffeine.newBuilder()
                .maximumSize(config.cacheMaxEntries())
                .expireAfterWrite(config.lastUsedGranularity())
                .build();
    }

    /** The caller a bearer token stands for; empty for an unknown, revoked or malformed token. */
    public Uni<Optional<Caller>> authenticate(String token) {
        String bearer = "Bearer " + token;
        if (configuredAdmin.accepts(bearer)) {
            return Uni.createFrom().item(Optional.of(configured(ApiKeyScope.ADMIN, token)));
        }
        if (configuredTrusted.accepts(bearer)) {
            return Uni.createFrom().item(Optional.of(configured(ApiKeyScope.EVAL, token)));
        }
        Optional<ApiKeySecret> secret = ApiKeySecret.parse(token);
        if (secret.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return stored(secret.get().id())
                .map(key -> key.filter(k -> k.accepts(secret.get(), clock.instant()))
                        .map(k -> {
                            recordUse(k.id());
                            return new Caller(k.scope(), k.id(), AdminActor.ofStoredKey(k.id()));
                        }));
    }

    /** Forgets what this replica read of a key, so a change made here takes effect here at once. */
    public void forget(String id) {
        keys.invalidate(id);
    }

    private Uni<Optional<StoredApiKey>> stored(String id) {
        Optional<StoredApiKey> cached = keys.getIfPresent(id);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        // unknown ids are remembered too, so a client repeating a wrong key reads the table once per expiry
        return store.find(id).invoke(found -> keys.put(id, found));
    }

    /** Writes a key's last use at most once per granularity per replica, without holding up the request. */
    private void recordUse(String id) {
        if (recentlyRecorded.asMap().putIfAbsent(id, Boolean.TRUE) == null) {
            store.recordUse(id, clock.instant())
                    .subscribe()
                    .with(done -> {}, failure -> LOG.debugf(failure, "last use of key %s not recorded", id));
        }
    }

    /** Configured keys count their rate by a short hash, so the key itself is not kept as a map key. */
    private static Caller configured(ApiKeyScope scope, String token) {
        String id = "configured:" + HexFormat.of().formatHex(ApiKeySecret.sha256(token), 0, 8);
        return new Caller(scope, id, AdminActor.ofKey(token));
    }
}
