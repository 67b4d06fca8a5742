package io.magpie.gateway.rest;

import io.magpie.gateway.client.ServiceRelay;
import io.magpie.gateway.client.ServiceRelay.Target;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Behaviour events from storefronts (open like search), relayed to fusion-service, which owns and validates them:
 * the body goes on as it came, and the answer comes back as fusion-service gave it.
 */
@Path("/api/v1/events")
public class EventResource {

    private static final String NDJSON = "application/x-ndjson";

    private final ServiceRelay relay;

    public EventResource(ServiceRelay relay) {
        this.relay = relay;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Operation(
            summary = "Record behaviour events (view, click, add_to_cart, purchase)",
            description = "A JSON array of events or one per line (application/x-ndjson), at most 1,000: eventId "
                    + "(made by the client; a repeat is stored once), type, userId and/or sessionId, productId, "
                    + "timestamp (ISO-8601 with offset), and requestId + position when the product came from a "
                    + "served list; optional quantity and price. Answers per event: accepted, duplicate, or "
                    + "rejected with the fields at fault; unknown products are stored and flagged.")
    public Uni<Response> record(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return relay.relay(Target.FUSION, "POST", "/v1/events", uri, headers, body);
    }

    @POST
    @Path("/identify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Link a session's events to the user who signed in",
            description = "{sessionId, userId}: the session's events, earlier and later, belong to the user. A "
                    + "session already linked to another user is a 409.")
    public Uni<Response> identify(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return relay.relay(Target.FUSION, "POST", "/v1/events/identify", uri, headers, body);
    }
}
