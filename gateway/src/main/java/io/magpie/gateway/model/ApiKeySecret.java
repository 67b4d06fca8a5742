package io.magpie.gateway.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A key's bearer token, {@code mgp_<id>_<secret>}: a public id of 16 hex digits (the row to look up) and 256 random
 * bits. Only {@link #hash()} is ever stored.
 */
public record ApiKeySecret(String id, String secret) {

    public static final String PREFIX = "mgp_";
    private static final int ID_BYTES = 8;
    private static final int SECRET_BYTES = 32;
    private static final int ID_LENGTH = 2 * ID_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new key: a new id and a new secret. */
    public static ApiKeySecret generate() {
        byte[] id = new byte[ID_BYTES];
        RANDOM.nextBytes(id);
        return withNewSecret(HexFormat.of().formatHex(id));
    }

    /** The same key id with a new secret (a rotation). */
    public static ApiKeySecret withNewSecret(String id) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new ApiKeySecret(id, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The id and secret of a token shaped like one of these keys; empty for anything else. */
    public static Optional<ApiKeySecret> parse(String token) {
        int secretStart = PREFIX.length() + ID_LENGTH + 1;
        if (token == null
                || token.length() <= secretStart
                || !token.startsWith(PREFIX)
                || token.charAt(secretStart - 1) != '_') {
            return Optional.empty();
        }
        String id = token.substring(PREFIX.length(), secretStart - 1);
        if (!id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeySecret(id, token.substring(secretStart)));
    }

    /** The bearer token a client sends. */
    public String token() {
        return PREFIX + id + "_" + secret;
    }

    /**
     * SHA-256 of the secret. A fast hash is enough here: the secret is 256 random bits, so there is no dictionary
     * to try and no brute force within reach, and a slow password hash would cost every request (docs/adr/0022).
     */
    public byte[] hash() {
        return sha256(secret);
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeySecret[id=" + id + "]"; // never the secret in a log line
    }
}
