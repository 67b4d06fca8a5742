package io.magpie.api.keys;

import java.time.Instant;

/**
 * A key as the admin API lists it: never its secret nor its hash.
 *
 * @param id                 the public key id, also the part of the secret after {@code mgp_}
 * @param scope              {@code storefront}, {@code eval} or {@code admin}
 * @param previousValidUntil after a rotation with a grace period, until when the old secret still works
 * @param lastUsedAt         coarse: recorded at most once a minute per gateway replica
 */
public record ApiKeyView(
        String id,
        String name,
        String scope,
        Instant createdAt,
        Instant rotatedAt,
        Instant previousValidUntil,
        Instant revokedAt,
        Instant lastUsedAt) {}
