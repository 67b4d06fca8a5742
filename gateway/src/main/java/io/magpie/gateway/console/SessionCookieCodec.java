package io.magpie.gateway.console;

import io.magpie.gateway.config.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Seals a {@link ConsoleSession} into a cookie value with AES-GCM and opens it again: the browser holds the session,
 * unreadable and tamper-proof, so that any replica sharing the secret serves it and none keeps sessions in memory.
 */
@ApplicationScoped
public class SessionCookieCodec {

    private static final Logger LOG = Logger.getLogger(SessionCookieCodec.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    public SessionCookieCodec(ConsoleConfig config) {
        byte[] material;
        if (config.sessionSecret().filter(secret -> !secret.isBlank()).isPresent()) {
            material = sha256(config.sessionSecret().get().getBytes(StandardCharsets.UTF_8));
        } else {
            LOG.info("magpie.gateway.console.session-secret is not set: console sessions last until this process "
                    + "ends and are not shared with other replicas");
            material = new byte[32];
            random.nextBytes(material);
        }
        this.key = new SecretKeySpec(material, "AES");
    }

    public String seal(ConsoleSession session) {
        byte[] plain = (session.expiresAt().getEpochSecond() + "\n" + session.csrfToken() + "\n" + session.adminKey())
                .getBytes(StandardCharsets.UTF_8);
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain);
            return ENCODER.encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The session, or empty when the value was not sealed by this secret, was altered, or has expired. */
    public Optional<ConsoleSession> open(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = DECODER.decode(value);
            if (bytes.length <= IV_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            String[] parts = new String(
                            cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8)
                    .split("\n", 3);
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[0]));
            return expiresAt.isAfter(now)
                    ? Optional.of(new ConsoleSession(parts[2], parts[1], expiresAt))
                    : Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** A fresh random token, e.g. for CSRF. */
    public String randomToken() {
        byte[] token = new byte[24];
        random.nextBytes(token);
        return ENCODER.encodeToString(token);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
