package io.magpie.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The deployment's service credential: one shared secret that every internal service (encoder, retrieval, kg,
 * fusion) demands in {@value #HEADER} and every caller of an internal service sends (docs/adr/0026). Read from
 * {@value #PROPERTY} (environment {@code MAGPIE_SERVICE_CREDENTIAL}); never put it on a command line.
 */
public final class ServiceCredential {

    public static final String HEADER = "X-Magpie-Service-Credential";
    public static final String PROPERTY = "magpie.service-credential";

    /** Set to true to run an internal service without a credential in the prod profile (a closed network only). */
    public static final String DISABLED_PROPERTY = "magpie.service-credential-disabled";

    private ServiceCredential() {}

    /** The configured credential, if any (blank counts as none). */
    public static Optional<String> configured(Config config) {
        return config.getOptionalValue(PROPERTY, String.class)
                .map(String::strip)
                .filter(value -> !value.isEmpty());
    }

    /** Whether {@code given} is {@code expected}, compared in constant time for equal lengths. */
    public static boolean matches(String expected, String given) {
        return given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.strip().getBytes(StandardCharsets.UTF_8));
    }
}
