package io.magpie.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The admin console served under {@code /admin} ({@code magpie.gateway.console.*}). */
@ConfigMapping(prefix = "magpie.gateway.console")
public interface ConsoleConfig {

    /**
     * Secret from which the session cookie's encryption key is derived. Every replica needs the same one; without
     * it each process draws its own at start, so sessions end on a restart and do not carry across replicas.
     */
    Optional<String> sessionSecret();

    /** How long a sign-in lasts; the key is also checked again on every request. */
    @WithDefault("8h")
    Duration sessionTimeout();

    /** Mark the session cookie {@code Secure} (HTTPS only); on for any deployment behind TLS. */
    @WithDefault("false")
    boolean secureCookie();
}
