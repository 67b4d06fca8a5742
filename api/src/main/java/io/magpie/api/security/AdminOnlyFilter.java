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
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses {@link AdminOnly} endpoints without an admin: 401 without a bearer token, 403 with another key. An admin is
 * either a caller with one of the keys of {@value #KEYS_PROPERTY} (environment {@code MAGPIE_ADMIN_KEYS}, comma
 * separated; none configured means no key is an admin key), or an admin the gateway vouches for with
 * {@value AdminActor#HEADER} in a request that also carries the deployment's service credential (docs/adr/0029):
 * without a configured credential, or with a wrong one, the assertion counts for nothing. The endpoint finds the
 * verified actor in {@value AdminActor#HEADER}, whatever the caller sent there.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminOnlyFilter implements ContainerRequestFilter {

    public static final String KEYS_PROPERTY = "magpie.admin-keys";

    private final ApiKeys adminKeys = new ApiKeys(ConfigProvider.getConfig()
            .getOptionalValues(KEYS_PROPERTY, String.class)
            .orElse(List.of()));

    private final Optional<String> serviceCredential = ServiceCredential.configured(ConfigProvider.getConfig());

    @Override
    public void filter(ContainerRequestContext request) {
        String asserted = request.getHeaderString(AdminActor.HEADER);
        // only what this filter verified reaches the endpoint
        request.getHeaders().remove(AdminActor.HEADER);
        if (asserted != null && vouchedForByThisDeployment(request)) {
            if (!AdminActor.wellFormed(asserted.strip())) {
                request.abortWith(problem(
                        400,
                        "Bad request",
                        AdminActor.HEADER + " must be key: and 12 to 64 lower-case hex digits",
                        request.getUriInfo().getPath()));
                return;
            }
            request.getHeaders().putSingle(AdminActor.HEADER, asserted.strip());
            return;
        }
        Response refusal = refusal(adminKeys, request);
        if (refusal != null) {
            request.abortWith(refusal);
            return;
        }
        String key = request.getHeaderString(HttpHeaders.AUTHORIZATION).substring("Bearer ".length());
        request.getHeaders().putSingle(AdminActor.HEADER, AdminActor.ofKey(key));
    }

    /**
     * Whether the request comes from a caller of this deployment: only then is its admin assertion believed. Without a
     * configured credential (dev, tests, a closed network) nobody can vouch, so a forged header gains nothing.
     */
    private boolean vouchedForByThisDeployment(ContainerRequestContext request) {
        return serviceCredential
                .map(credential ->
                        ServiceCredential.matches(credential, request.getHeaderString(ServiceCredential.HEADER)))
                .orElse(false);
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
