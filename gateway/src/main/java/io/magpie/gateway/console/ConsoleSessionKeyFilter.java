package io.magpie.gateway.console;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks, before a console page runs, that the key of the request's session is still an admin key: a stored key is
 * read from PostgreSQL (through the key cache), which a page cannot do on its own. {@link ConsoleSessions#current}
 * then takes the session only when this filter verified its key, so a revoked key's session ends within the key
 * cache's expiry, as the API refuses the key.
 */
public class ConsoleSessionKeyFilter {

    /** The routing-context attribute holding the session key this filter found to be an admin key. */
    static final String VERIFIED_ADMIN_KEY = "magpie.console.verified-admin-key";

    private static final Logger LOG = Logger.getLogger(ConsoleSessionKeyFilter.class);

    private final ConsoleSessions sessions;

    public ConsoleSessionKeyFilter(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @ServerRequestFilter
    public Uni<Void> verifySessionKey(ContainerRequestContext request, RoutingContext routing) {
        String path = request.getUriInfo().getPath();
        Cookie cookie = request.getCookies().get(ConsoleSessions.COOKIE);
        if (!(path.equals(ConsoleSessions.COOKIE_PATH) || path.startsWith(ConsoleSessions.COOKIE_PATH + "/"))
                || cookie == null) {
            return Uni.createFrom().voidItem();
        }
        return sessions.open(cookie.getValue())
                .map(session -> sessions.isAdminKey(session.adminKey())
                        .invoke(admin -> {
                            if (admin) {
                                routing.put(VERIFIED_ADMIN_KEY, session.adminKey());
                            }
                        })
                        .onFailure()
                        .recoverWithItem(failure -> {
                            // fail closed: the page sends the user to sign in again
                            LOG.warnf("API keys cannot be read, console session not verified: %s", failure.toString());
                            return false;
                        })
                        .replaceWithVoid())
                .orElse(Uni.createFrom().voidItem());
    }
}
