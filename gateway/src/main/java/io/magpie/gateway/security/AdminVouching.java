package io.magpie.gateway.security;

import io.magpie.api.security.AdminActor;
import io.magpie.api.security.ApiKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the gateway vouches for when it calls a service on someone's behalf (docs/adr/0029): the actor of a bearer
 * token it authenticates as an admin key, configured or stored, sent as {@value AdminActor#HEADER} next to the
 * service credential. The token is checked at the moment of the call, so a key revoked since (within the key cache's
 * expiry) is vouched for no longer; any other token, or none, gets nothing.
 */
@ApplicationScoped
public class AdminVouching {

    private static final Logger LOG = Logger.getLogger(AdminVouching.class);
    private static final String BEARER = "Bearer ";

    private final ApiKeyAuthenticator authenticator;

    public AdminVouching(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The actor to vouch for, for an {@code Authorization} header; empty for anything but an admin key. */
    public Uni<Optional<String>> actorFor(String authorization) {
        if (!ApiKeys.hasBearer(authorization)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return authenticator
                .authenticate(authorization.substring(BEARER.length()).strip())
                .map(caller -> caller.filter(Caller::admin).map(Caller::actor))
                .onFailure()
                .recoverWithItem(failure -> {
                    // the service then judges the key itself: a configured key still passes, a stored one is refused
                    LOG.warnf("API keys cannot be read, vouching for nobody: %s", failure.toString());
                    return Optional.empty();
                });
    }
}
