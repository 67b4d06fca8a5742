package io.magpie.api.recs;

import io.magpie.api.fusion.FuseResponse;
import io.magpie.api.retrieval.CandidateList;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** fusion-service's recommendation signals and ranking, as the gateway calls them. */
@RegisterRestClient(configKey = "fusion")
@Path("/v1")
public interface RecommendationsClient {

    /** A shopper's recent items, purchases and category affinity, from the stored events. */
    @GET
    @Path("/users/{userId}/profile")
    Uni<UserProfile> profile(@PathParam("userId") String userId);

    /** Items acted on together with the history's items, each with the history item it goes with. */
    @POST
    @Path("/candidates/cooccurring")
    Uni<CandidateList> cooccurring(CooccurrenceQuery query);

    /** Decayed popularity, within a category path when one is given. */
    @GET
    @Path("/candidates/popular")
    Uni<CandidateList> popular(@QueryParam("category") String category, @QueryParam("size") Integer size);

    /** Ranks recommendation candidates with the recommendation weights. */
    @POST
    @Path("/recommendations/rank")
    Uni<FuseResponse> rank(RecommendationRankRequest request);

    /** How far the co-occurrence signal has read the events. */
    @GET
    @Path("/signals/status")
    Uni<SignalsStatus> signalsStatus();
}
