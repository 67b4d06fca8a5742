package io.magpie.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Who an admin call is made by, as audit logs name them (docs/adr/0029): {@code key:} and hex digits, never a key.
 * The gateway sends {@value #HEADER} to vouch for an admin it authenticated (a stored admin key, which the services
 * do not know); a service believes it only alongside the deployment's service credential ({@link AdminOnlyFilter}),
 * which then leaves in the header the actor it verified, for the endpoint to read.
 */
public final class AdminActor {

    public static final String HEADER = "X-Magpie-Admin-Actor";

    private static final Pattern WELL_FORMED = Pattern.compile("key:[0-9a-f]{12,64}");

    private AdminActor() {}

    /** A key's fingerprint: {@code key:} and the first 12 hex digits of SHA-256 of the key. */
    public static String ofKey(String key) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(key.strip().getBytes(StandardCharsets.UTF_8));
            return "key:" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A stored key named by its public id, which survives rotation and is what the key list shows. */
    public static String ofStoredKey(String id) {
        return "key:" + id;
    }

    /** Whether an asserted actor has the one shape actors have; anything else is refused, not logged. */
    public static boolean wellFormed(String actor) {
        return actor != null && WELL_FORMED.matcher(actor).matches();
    }
}
