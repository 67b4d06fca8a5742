package io.magpie.gateway.security;

import io.magpie.api.security.AdminOnlyFilter;
import io.magpie.api.security.ApiKeys;
import io.magpie.gateway.config.ApiKeysConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Finds out once per API request who calls ({@link Caller}), before the rate limits and the admin check use it. A
 * bearer token that is no key (unknown, revoked, mistyped) is refused with 401, never served as a caller without a
 * key; a caller without a key is a storefront unless {@code magpie.gateway.keys.require-key} is set.
 */
public class CallerFilter {

    private static final Logger LOG = Logger.getLogger(CallerFilter.class);

    private final ApiKeyAuthenticator authenticator;
    private final ApiKeysConfig config;

    public CallerFilter(ApiKeyAuthenticator authenticator, ApiKeysConfig config) {
        this.authenticator = authenticator;
        this.config = config;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 200)
    public Uni<Response> identify(ContainerRequestContext request, RoutingContext routing) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(RequestLimitFilter.API_PATH)) {
            return Uni.createFrom().nullItem();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (!ApiKeys.hasBearer(authorization)) {
            return Uni.createFrom()
                    .item(
                            config.requireKey()
                                    ? AdminOnlyFilter.problem(
                                            401,
                                            "Unauthorized",
                                            "this gateway serves only callers with an API key: Authorization: Bearer "
                                                    + "<key>",
                                            path)
                                    : null);
        }
        return authenticator
                .authenticate(authorization.substring("Bearer ".length()).strip())
                .map(caller -> {
                    if (caller.isEmpty()) {
                        return AdminOnlyFilter.problem(401, "Unauthorized", "the API key is unknown or revoked", path);
                    }
                    routing.put(Caller.ATTRIBUTE, caller.get());
                    return (Response) null;
                })
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("API keys cannot be read: %s", failure.toString());
                    return AdminOnlyFilter.problem(
                            503, "Service unavailable", "API keys cannot be checked now; retry shortly", path);
                });
    }
}
