package io.magpie.gateway.security;

import io.magpie.api.security.AdminOnlyFilter;
import io.magpie.api.security.ApiKeys;
import io.magpie.gateway.config.GatewayConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Everything under {@code /api/v1/admin} answers only to a configured admin key, sent as
 * {@code Authorization: Bearer <key>}: guarded by path, so a new admin route cannot be left open by a missing
 * annotation. The check itself is the services' ({@link AdminOnlyFilter#refusal}).
 */
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
        return AdminOnlyFilter.refusal(adminKeys, request);
    }
}
