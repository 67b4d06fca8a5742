package io.magpie.fusion.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One file of a model version as the registry keeps it: its bytes and the SHA-256 they had when stored, so that a
 * damaged copy is refused instead of served.
 *
 * @param name    file name inside the version (e.g. {@code model.ubj})
 * @param content its bytes
 * @param sha256  hex SHA-256 of the bytes as stored
 */
public record StoredModelFile(String name, byte[] content, String sha256) {

    public static StoredModelFile of(String name, byte[] content) {
        return new StoredModelFile(name, content, sha256(content));
    }

    /** Whether the bytes are still the ones stored. */
    public boolean intact() {
        return sha256(content).equals(sha256);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
