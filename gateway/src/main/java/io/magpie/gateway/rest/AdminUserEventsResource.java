package io.magpie.gateway.rest;

import io.magpie.gateway.client.EventsRelay;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A user's behaviour events deleted on request (privacy), relayed to fusion-service with the caller's admin key
 * (fusion-service checks it again); guarded here by {@link io.magpie.gateway.security.AdminKeyFilter}.
 */
@Path("/api/v1/admin/users/{userId}/events")
public class AdminUserEventsResource {

    private final EventsRelay relay;

    public AdminUserEventsResource(EventsRelay relay) {
        this.relay = relay;
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete a user's events and those of the sessions linked to the user",
            description = "Answers how many events were deleted and how many session links forgotten.")
    public Uni<Response> delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @PathParam("userId") String userId) {
        return relay.relay(events -> events.deleteUserEvents(authorization, userId));
    }
}
