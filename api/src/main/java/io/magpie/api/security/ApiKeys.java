package io.magpie.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;

/** A set of API keys, matched against {@code Authorization: Bearer <key>} headers. */
public final class ApiKeys {

    private static final String BEARER = "Bearer ";

    private final List<byte[]> keys;

    public ApiKeys(Collection<String> keys) {
        this.keys = keys.stream()
                .filter(key -> !key.isBlank())
                .map(key -> key.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    /** Whether the header carries a bearer token at all. */
    public static boolean hasBearer(String authorization) {
        return authorization != null && authorization.startsWith(BEARER);
    }

    /** Whether the header's bearer token is one of these keys; compared in constant time per key. */
    public boolean accepts(String authorization) {
        if (!hasBearer(authorization)) {
            return false;
        }
        byte[] given = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(key, given);
        }
        return match;
    }
}
