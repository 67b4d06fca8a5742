package io.magpie.fusion.rest;

import io.magpie.api.recs.CooccurrenceQuery;
import io.magpie.api.recs.SignalsStatus;
import io.magpie.api.recs.UserProfile;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.fusion.signals.CooccurrenceSignal;
import io.magpie.fusion.signals.UserProfiles;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Signals for recommendations computed from the behaviour events: co-occurrence and user profiles. */
@Path("/v1")
@Tag(name = "recommendation signals")
public class RecommendationSignalsResource {

    private final CooccurrenceSignal cooccurrence;
    private final UserProfiles profiles;

    public RecommendationSignalsResource(CooccurrenceSignal cooccurrence, UserProfiles profiles) {
        this.cooccurrence = cooccurrence;
        this.profiles = profiles;
    }

    @POST
    @Path("/candidates/cooccurring")
    @Operation(
            summary = "Items shoppers acted on together with a history's items",
            description = "From the in-memory co-occurrence signal (kept a few seconds behind the stored events); "
                    + "each candidate's reason names the history item it goes with most.")
    public Uni<CandidateList> cooccurring(CooccurrenceQuery query) {
        return cooccurrence.candidates(query);
    }

    @GET
    @Path("/users/{userId}/profile")
    @Operation(
            summary = "A user's recent items, purchases and category affinity",
            description = "Read from the stored events at request time; a user without events has an empty profile.")
    public Uni<UserProfile> profile(@PathParam("userId") String userId) {
        return profiles.profile(userId);
    }

    @GET
    @Path("/signals/status")
    @Operation(summary = "Up to when the co-occurrence signal has counted the stored events")
    public SignalsStatus status() {
        return cooccurrence.status();
    }
}
