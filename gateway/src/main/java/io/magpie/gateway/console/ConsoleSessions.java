package io.magpie.gateway.console;

import io.magpie.gateway.config.ConsoleConfig;
import io.magpie.gateway.security.ApiKeyAuthenticator;
import io.magpie.gateway.security.Caller;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Sign-in, sign-out and the checks of every console request: the session cookie must open, its key must still be an
 * admin key, configured or stored (removing a key from the configuration ends its sessions, revoking a stored one
 * within the key cache's expiry; {@link ConsoleSessionKeyFilter} checks it before the page runs), and a change must
 * carry the session's CSRF token.
 */
@ApplicationScoped
public class ConsoleSessions {

    public static final String COOKIE = "magpie_console";
    public static final String COOKIE_PATH = "/admin";
    public static final String SIGN_IN_PAGE = "/admin/sign-in";

    private final SessionCookieCodec codec;
    private final ApiKeyAuthenticator authenticator;
    private final CurrentVertxRequest request;
    private final ConsoleConfig config;
    private final Clock clock;

    public ConsoleSessions(
            SessionCookieCodec codec,
            ApiKeyAuthenticator authenticator,
            CurrentVertxRequest request,
            ConsoleConfig config) {
        this.codec = codec;
        this.authenticator = authenticator;
        this.request = request;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /**
     * The same check as the admin API's, configured and stored keys alike: a storefront or trusted key, an unknown or
     * a revoked one is not an admin key. Fails when stored keys cannot be read.
     */
    public Uni<Boolean> isAdminKey(String key) {
        if (key == null || key.isBlank()) {
            return Uni.createFrom().item(false);
        }
        return authenticator
                .authenticate(key.strip())
                .map(caller -> caller.filter(Caller::admin).isPresent());
    }

    /** The session a request's cookie holds, expiry checked, whether or not its key is still an admin key. */
    public Optional<ConsoleSession> open(String cookieValue) {
        return codec.open(cookieValue, clock.instant());
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
        String verified = request.getCurrent().get(ConsoleSessionKeyFilter.VERIFIED_ADMIN_KEY);
        return open(cookieValue).filter(session -> session.adminKey().equals(verified));
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
