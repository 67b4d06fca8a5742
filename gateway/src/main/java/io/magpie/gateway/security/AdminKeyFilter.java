package io.magpie.gateway.security;

import io.magpie.api.security.AdminOnlyFilter;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Everything under {@code /api/v1/admin} answers only to an admin key (configured or stored), sent as
 * {@code Authorization: Bearer <key>}: guarded by path, so a new admin route cannot be left open by a missing
 * annotation. No key: 401; a storefront or eval key: 403 ({@link CallerFilter} found out which).
 */
public class AdminKeyFilter {

    static final String ADMIN_PATH = "/api/v1/admin";

    @ServerRequestFilter
    public Response requireAdminKey(ContainerRequestContext request, RoutingContext routing) {
        String path = request.getUriInfo().getPath();
        if (!path.equals(ADMIN_PATH) && !path.startsWith(ADMIN_PATH + "/")) {
            return null;
        }
        Caller caller = Caller.of(routing);
        if (caller.anonymous()) {
            return AdminOnlyFilter.problem(
                    401, "Unauthorized", "this endpoint needs an admin key: Authorization: Bearer <key>", path);
        }
        return caller.admin() ? null : AdminOnlyFilter.problem(403, "Forbidden", "the key is not an admin key", path);
    }
}
