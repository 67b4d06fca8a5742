package io.magpie.fusion.rest;

import io.magpie.api.events.EventBatchResult;
import io.magpie.api.events.EventsClient;
import io.magpie.api.events.IdentifyRequest;
import io.magpie.api.events.IdentifyResult;
import io.magpie.fusion.events.EventBodyReader;
import io.magpie.fusion.events.EventIngest;
import io.magpie.fusion.events.SessionLinking;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Behaviour events: batches from storefronts (through the gateway), and sessions linked to users at sign-in. */
@Path("/v1/events")
@Tag(name = "events", description = "Behaviour events stored in PostgreSQL (schema fusion)")
public class EventResource {

    private final EventBodyReader reader;
    private final EventIngest ingest;
    private final SessionLinking linking;

    public EventResource(EventBodyReader reader, EventIngest ingest, SessionLinking linking) {
        this.reader = reader;
        this.ingest = ingest;
        this.linking = linking;
    }

    /** Blocking: the body is read as a stream on a worker thread (and refused as soon as it is too large). */
    @POST
    @Consumes({MediaType.APPLICATION_JSON, EventsClient.NDJSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(
            summary = "Store a batch of behaviour events",
            description = "A JSON array of events, or one event per line (application/x-ndjson). Each event is "
                    + "accepted, duplicate (its eventId was stored before, or earlier in the batch) or rejected "
                    + "with the fields at fault (and its line); unknown products are stored and flagged. Answers "
                    + "once the accepted events are committed. A batch over the maximum size (events or bytes) is "
                    + "a 413 and a body that is not JSON a 400: nothing is stored. A batch whose every event is "
                    + "invalid is a 400 naming each one.")
    public Uni<EventBatchResult> record(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        boolean ndjson = contentType != null && contentType.toLowerCase().startsWith(EventsClient.NDJSON);
        return ingest.ingest(ndjson ? reader.readNdjson(body) : reader.readJsonArray(body));
    }

    @POST
    @Path("/identify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Link a session's events to a user (sign-in)",
            description = "The session's stored events without a user get this one, and so do events sent later "
                    + "with the session alone. A session linked to another user is a 409.")
    public Uni<IdentifyResult> identify(IdentifyRequest request) {
        return linking.identify(request);
    }
}
