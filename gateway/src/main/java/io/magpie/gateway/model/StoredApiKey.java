package io.magpie.gateway.model;

import io.magpie.api.JsonEnums;
import io.magpie.api.keys.ApiKeyScope;
import io.magpie.api.keys.ApiKeyView;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * A key as its row holds it: hashes, never secrets.
 *
 * @param previousHash       the secret before the last rotation, accepted until {@code previousValidUntil}
 */
public record StoredApiKey(
        String id,
        String name,
        ApiKeyScope scope,
        byte[] secretHash,
        byte[] previousHash,
        Instant previousValidUntil,
        Instant createdAt,
        Instant rotatedAt,
        Instant revokedAt,
        Instant lastUsedAt) {

    /** Whether {@code secret} opens this key at {@code now}: not revoked, and its current or still-valid old secret. */
    public boolean accepts(ApiKeySecret secret, Instant now) {
        if (revokedAt != null && !revokedAt.isAfter(now)) {
            return false;
        }
        byte[] hash = secret.hash();
        boolean current = MessageDigest.isEqual(secretHash, hash);
        boolean previous = previousHash != null
                && previousValidUntil != null
                && previousValidUntil.isAfter(now)
                && MessageDigest.isEqual(previousHash, hash);
        return current | previous;
    }

    public ApiKeyView view() {
        return new ApiKeyView(
                id, name, JsonEnums.name(scope), createdAt, rotatedAt, previousValidUntil, revokedAt, lastUsedAt);
    }
}
