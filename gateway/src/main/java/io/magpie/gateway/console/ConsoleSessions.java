package io.magpie.gateway.console;

import io.magpie.api.security.ApiKeys;
import io.magpie.gateway.config.ConsoleConfig;
import io.magpie.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sign-in, sign-out and the checks of every console request: the session cookie must open, its key must still be an
 * admin key (removing a key from the configuration ends its sessions), and a change must carry the session's CSRF
 * token.
 */
@ApplicationScoped
public class ConsoleSessions {

    public static final String COOKIE = "magpie_console";
    public static final String COOKIE_PATH = "/admin";
    public static final String SIGN_IN_PAGE = "/admin/sign-in";

    private final SessionCookieCodec codec;
    private final ApiKeys adminKeys;
    private final ConsoleConfig config;
    private final Clock clock;

    public ConsoleSessions(SessionCookieCodec codec, GatewayConfig gateway, ConsoleConfig config) {
        this.codec = codec;
        this.adminKeys = new ApiKeys(gateway.adminKeys().orElse(List.of()));
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** The same check as the admin API's: a storefront or trusted key is not an admin key. */
    public boolean isAdminKey(String key) {
        return key != null && !key.isBlank() && adminKeys.accepts("Bearer " + key.strip());
    }

    /** A new session for an admin key; the caller checked it with {@link #isAdminKey}. */
    public ConsoleSession start(String key) {
        return new ConsoleSession(
                key.strip(), codec.randomToken(), clock.instant().plus(config.sessionTimeout()));
    }

    public NewCookie cookie(ConsoleSession session) {
        return cookie(codec.seal(session), (int) config.sessionTimeout().toSeconds());
    }

    /** A cookie that replaces the session one and expires at once. */
    public NewCookie signedOutCookie() {
        return cookie("", 0);
    }

    /** The session of a request, if it has a valid one whose key is still an admin key. */
    public Optional<ConsoleSession> current(String cookieValue) {
        return codec.open(cookieValue, clock.instant()).filter(session -> isAdminKey(session.adminKey()));
    }

    /** @throws ConsoleAccessDenied a redirect to the sign-in page without a valid session */
    public ConsoleSession require(String cookieValue) {
        return current(cookieValue)
                .orElseThrow(() -> new ConsoleAccessDenied(Response.seeOther(URI.create(SIGN_IN_PAGE))
                        .cookie(signedOutCookie())
                        .build()));
    }

    /**
     * The session of a request that changes something.
     *
     * @throws ConsoleAccessDenied 403 when the form's CSRF token is not the session's
     */
    public ConsoleSession requireForChange(String cookieValue, String csrfToken) {
        ConsoleSession session = require(cookieValue);
        if (csrfToken == null
                || !MessageDigest.isEqual(
                        session.csrfToken().getBytes(StandardCharsets.UTF_8),
                        csrfToken.getBytes(StandardCharsets.UTF_8))) {
            throw new ConsoleAccessDenied(Response.status(403)
                    .type("text/plain")
                    .entity("The form's security token (csrf) is missing or stale: reload the page and try again.")
                    .build());
        }
        return session;
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(COOKIE)
                .value(value)
                .path(COOKIE_PATH)
                .maxAge(maxAge)
                .expiry(maxAge == 0 ? java.util.Date.from(Instant.EPOCH) : null)
                .httpOnly(true)
                .secure(config.secureCookie())
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
