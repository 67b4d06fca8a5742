package io.magpie.gateway.security;

import io.magpie.api.security.AdminOnlyFilter;
import io.magpie.api.security.ApiKeys;
import io.magpie.gateway.config.GatewayConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Admin endpoints answer only to a configured admin key, sent as {@code Authorization: Bearer <key>}. */
public class AdminKeyFilter {

    static final String ADMIN_PATH = "/api/v1/admin";

    private final ApiKeys adminKeys;

    public AdminKeyFilter(GatewayConfig config) {
        this.adminKeys = new ApiKeys(config.adminKeys().orElse(List.of()));
    }

    @ServerRequestFilter
    public Response requireAdminKey(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals(ADMIN_PATH) && !path.startsWith(ADMIN_PATH + "/")) {
            return null;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (!ApiKeys.hasBearer(authorization)) {
            return AdminOnlyFilter.problem(401, "Unauthorized",
                    "admin endpoints need an admin key: Authorization: Bearer <key>", path);
        }
        if (!adminKeys.accepts(authorization)) {
            return AdminOnlyFilter.problem(403, "Forbidden", "the key is not an admin key", path);
        }
        return null;
    }
}
