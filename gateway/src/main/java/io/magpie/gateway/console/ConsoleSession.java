package io.magpie.gateway.console;

import java.time.Instant;

/**
 * A signed-in console user, as the session cookie carries it (encrypted).
 *
 * @param adminKey  the key the user signed in with; the console calls the services with it
 * @param csrfToken drawn at sign-in; every form that changes something must send it back
 * @param expiresAt when the sign-in ends
 */
public record ConsoleSession(String adminKey, String csrfToken, Instant expiresAt) {

    @Override
    public String toString() {
        return "ConsoleSession[expiresAt=" + expiresAt + "]"; // never the key in a log line
    }
}
