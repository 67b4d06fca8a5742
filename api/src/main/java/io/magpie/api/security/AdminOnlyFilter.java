package io.magpie.api.security;

import io.magpie.api.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses {@link AdminOnly} endpoints without an admin key: 401 without a bearer token, 403 with another key.
 * The keys come from {@value #KEYS_PROPERTY} (environment {@code MAGPIE_ADMIN_KEYS}, comma separated);
 * none configured means every admin call is refused.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminOnlyFilter implements ContainerRequestFilter {

    public static final String KEYS_PROPERTY = "magpie.admin-keys";

    private final ApiKeys adminKeys = new ApiKeys(ConfigProvider.getConfig()
            .getOptionalValues(KEYS_PROPERTY, String.class)
            .orElse(List.of()));

    @Override
    public void filter(ContainerRequestContext request) {
        Response refusal = refusal(adminKeys, request);
        if (refusal != null) {
            request.abortWith(refusal);
        }
    }

    /**
     * The one admin-key check of every service and the gateway: null when the request carries one of
     * {@code adminKeys}, else the 401 (no bearer token) or 403 (another key) answer.
     */
    public static Response refusal(ApiKeys adminKeys, ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String path = request.getUriInfo().getPath();
        if (!ApiKeys.hasBearer(authorization)) {
            return problem(401, "Unauthorized", "this endpoint needs an admin key: Authorization: Bearer <key>", path);
        }
        if (!adminKeys.accepts(authorization)) {
            return problem(403, "Forbidden", "the key is not an admin key", path);
        }
        return null;
    }

    /** The problem+json answer for a refused call; 401 also names the scheme the client should use. */
    public static Response problem(int status, String title, String detail, String path) {
        Response.ResponseBuilder response =
                Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.of(status, title, detail, path));
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"magpie-admin\"");
        }
        return response.build();
    }
}
