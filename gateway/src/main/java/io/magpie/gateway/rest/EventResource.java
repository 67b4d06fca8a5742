package io.magpie.gateway.rest;

import io.magpie.api.events.EventsClient;
import io.magpie.api.events.IdentifyRequest;
import io.magpie.gateway.client.EventsRelay;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Behaviour events from storefronts (open like search), relayed to fusion-service, which owns and validates them:
 * the body goes on as it came, and the answer comes back as fusion-service gave it.
 */
@Path("/api/v1/events")
public class EventResource {

    private final EventsRelay relay;

    public EventResource(EventsRelay relay) {
        this.relay = relay;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, EventsClient.NDJSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record behaviour events (view, click, add_to_cart, purchase)",
            description = "A JSON array of events or one per line (application/x-ndjson), at most 1,000: eventId "
                    + "(made by the client; a repeat is stored once), type, userId and/or sessionId, productId, "
                    + "timestamp (ISO-8601 with offset), and requestId + position when the product came from a "
                    + "served list; optional quantity and price. Answers per event: accepted, duplicate, or "
                    + "rejected with the fields at fault; unknown products are stored and flagged.")
    public Uni<Response> record(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        boolean ndjson = contentType != null && contentType.toLowerCase().startsWith(EventsClient.NDJSON);
        return relay.relay(events -> ndjson ? events.recordNdjson(body) : events.recordJson(body));
    }

    @POST
    @Path("/identify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Link a session's events to the user who signed in",
            description = "{sessionId, userId}: the session's events, earlier and later, belong to the user. A "
                    + "session already linked to another user is a 409.")
    public Uni<Response> identify(IdentifyRequest request) {
        return relay.relay(events -> events.identify(request));
    }
}
