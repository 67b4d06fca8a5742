package io.magpie.gateway.rest;

import io.magpie.gateway.client.ServiceRelay;
import io.magpie.gateway.client.ServiceRelay.Target;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A user's behaviour events deleted on request (privacy), relayed to fusion-service with the caller's admin key
 * (fusion-service checks it again); guarded here by {@link io.magpie.gateway.security.KeyScopeFilter}.
 */
@Path("/api/v1/admin/users/{userId}/events")
public class AdminUserEventsResource {

    private final ServiceRelay relay;

    public AdminUserEventsResource(ServiceRelay relay) {
        this.relay = relay;
    }

    @DELETE
    @Operation(
            summary = "Delete a user's events and those of the sessions linked to the user",
            description = "Answers how many events were deleted and how many session links forgotten.")
    public Uni<Response> delete(
            @PathParam("userId") String userId, @Context UriInfo uri, @Context HttpHeaders headers) {
        // the raw path keeps the caller's escaping of the user id
        return relay.relay(
                Target.FUSION,
                "DELETE",
                uri.getRequestUri().getRawPath().substring("/api".length()),
                uri,
                headers,
                null);
    }
}
