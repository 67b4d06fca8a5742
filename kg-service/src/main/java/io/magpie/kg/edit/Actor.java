package io.magpie.kg.edit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Who made an edit, as the audit log names them: a short SHA-256 of the admin key, never the key itself. */
public final class Actor {

    private static final String BEARER = "Bearer ";

    private Actor() {}

    /** {@code key:} and the first 12 hex digits of SHA-256 of the bearer key; {@code anonymous} without one. */
    public static String of(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return "anonymous";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8));
            return "key:" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
