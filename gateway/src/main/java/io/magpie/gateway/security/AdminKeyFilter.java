package io.magpie.gateway.security;

import io.magpie.api.problem.Problem;
import io.magpie.gateway.config.GatewayConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Admin endpoints answer only to a configured admin key, sent as {@code Authorization: Bearer <key>}. */
public class AdminKeyFilter {

    static final String ADMIN_PATH = "/api/v1/admin";
    private static final String BEARER = "Bearer ";

    private final List<byte[]> adminKeys;

    public AdminKeyFilter(GatewayConfig config) {
        this.adminKeys = config.adminKeys().orElse(List.of()).stream()
                .filter(key -> !key.isBlank())
                .map(key -> key.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    @ServerRequestFilter
    public Response requireAdminKey(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals(ADMIN_PATH) && !path.startsWith(ADMIN_PATH + "/")) {
            return null;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return problem(401, "Unauthorized", "admin endpoints need an admin key: Authorization: Bearer <key>",
                    path);
        }
        if (!isAdminKey(authorization.substring(BEARER.length()).strip())) {
            return problem(403, "Forbidden", "the key is not an admin key", path);
        }
        return null;
    }

    /** Compares in constant time so response timing does not leak how much of a key matched. */
    private boolean isAdminKey(String candidate) {
        byte[] given = candidate.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] key : adminKeys) {
            match |= MessageDigest.isEqual(key, given);
        }
        return match;
    }

    private static Response problem(int status, String title, String detail, String path) {
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, detail, path));
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"magpie-admin\"");
        }
        return response.build();
    }
}
