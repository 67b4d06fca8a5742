package io.magpie.gateway.security;

import io.magpie.api.security.AdminOnlyFilter;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The routes for trusted keys (eval and admin) only, checked before the route's parameters are validated, so a
 * caller without such a key learns nothing about them. No key: 401; a storefront key: 403.
 */
public class TrustedKeyFilter {

    static final Set<String> TRUSTED_PATHS = Set.of("/api/v1/search/fuse-request");

    @ServerRequestFilter
    public Response requireTrustedKey(ContainerRequestContext request, RoutingContext routing) {
        String path = request.getUriInfo().getPath();
        if (!TRUSTED_PATHS.contains(path)) {
            return null;
        }
        Caller caller = Caller.of(routing);
        if (caller.anonymous()) {
            return AdminOnlyFilter.problem(
                    401, "Unauthorized", "this endpoint needs a trusted key: Authorization: Bearer <key>", path);
        }
        return caller.trusted()
                ? null
                : AdminOnlyFilter.problem(403, "Forbidden", "the key is not a trusted key", path);
    }
}
