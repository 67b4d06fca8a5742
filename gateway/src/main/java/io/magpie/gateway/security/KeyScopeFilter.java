package io.magpie.gateway.security;

import io.magpie.api.security.AdminOnlyFilter;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.function.Predicate;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The routes that need more than a storefront key, guarded by path before the route's parameters are validated, so a
 * new admin route cannot be left open by a missing annotation and a caller without the key learns nothing about the
 * parameters. Everything under {@code /api/v1/admin} answers only to an admin key (configured or stored); the
 * {@link #TRUSTED_PATHS} to a trusted one (eval or admin), sent as {@code Authorization: Bearer <key>}. No key: 401;
 * a key of a lower scope: 403 ({@link CallerFilter} found out which).
 */
public class KeyScopeFilter {

    static final String ADMIN_PATH = "/api/v1/admin";
    static final Set<String> TRUSTED_PATHS = Set.of("/api/v1/search/fuse-request");

    @ServerRequestFilter
    public Response requireScope(ContainerRequestContext request, RoutingContext routing) {
        String path = request.getUriInfo().getPath();
        if (path.equals(ADMIN_PATH) || path.startsWith(ADMIN_PATH + "/")) {
            return refusal(Caller.of(routing), Caller::admin, "an admin key", path);
        }
        if (TRUSTED_PATHS.contains(path)) {
            return refusal(Caller.of(routing), Caller::trusted, "a trusted key", path);
        }
        return null;
    }

    private static Response refusal(Caller caller, Predicate<Caller> allowed, String needed, String path) {
        if (caller.anonymous()) {
            return AdminOnlyFilter.problem(
                    401, "Unauthorized", "this endpoint needs " + needed + ": Authorization: Bearer <key>", path);
        }
        return allowed.test(caller)
                ? null
                : AdminOnlyFilter.problem(403, "Forbidden", "the key is not " + needed, path);
    }
}
