package io.magpie.api.events;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** fusion-service's behaviour events as seen by their callers (the gateway, the eval tool). */
@RegisterRestClient(configKey = "fusion")
@Path("/v1")
public interface EventsClient {

    String NDJSON = "application/x-ndjson";

    /** Stores a batch of events (a JSON array); answers per event once the accepted ones are committed. */
    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<EventBatchResult> record(List<BehaviourEvent> events);

    /** The same for a body of one event per line ({@code application/x-ndjson}). */
    @POST
    @Path("/events")
    @Consumes(NDJSON)
    Uni<EventBatchResult> recordNdjson(InputStream ndjson);

    /** Links a session's events to a user (sign-in). */
    @POST
    @Path("/events/identify")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<IdentifyResult> identify(IdentifyRequest request);

    /** Deletes a user's events and those of the sessions linked to the user (admin key). */
    @DELETE
    @Path("/admin/users/{userId}/events")
    Uni<UserEventsDeletion> deleteUserEvents(
            @HeaderParam("Authorization") String authorization, @PathParam("userId") String userId);
}
