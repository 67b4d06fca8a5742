package io.magpie.gateway.security;

import io.magpie.api.keys.ApiKeyScope;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is calling, as {@link CallerFilter} found out once per request: the scope of their key, or a storefront
 * without a key.
 *
 * @param scope     the key's scope; {@code STOREFRONT} for a caller without a key
 * @param keyId     what the caller's rate is counted by: a stored key's id, a configured key's hash, or null
 *                  without a key (then the address counts)
 * @param actor     who the caller is in an audit log ({@link io.magpie.api.security.AdminActor}): {@code key:} and
 *                  a stored key's id or a configured key's fingerprint; null without a key
 */
public record Caller(ApiKeyScope scope, String keyId, String actor) {

    static final String ATTRIBUTE = "magpie.caller";

    static final Caller ANONYMOUS = new Caller(ApiKeyScope.STOREFRONT, null, null);

    /** The caller of a request under {@code /api/}; a storefront without a key where no filter ran. */
    public static Caller of(RoutingContext routing) {
        Caller caller = routing.get(ATTRIBUTE);
        return caller == null ? ANONYMOUS : caller;
    }

    public boolean anonymous() {
        return keyId == null;
    }

    /** Whether the caller may choose a search's ranking (sources, strategy, model, explain): eval and admin keys. */
    public boolean trusted() {
        return scope.trusted();
    }

    public boolean admin() {
        return scope == ApiKeyScope.ADMIN;
    }
}
