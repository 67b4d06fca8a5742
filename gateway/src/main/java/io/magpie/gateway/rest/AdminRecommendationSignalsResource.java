package io.magpie.gateway.rest;

import io.magpie.api.recs.SignalsStatus;
import io.magpie.gateway.service.RecommendationService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin: how far fusion-service's recommendation signals have counted the events. */
@Path("/api/v1/admin/recommendations/signals")
@Tag(name = "Recommendations")
public class AdminRecommendationSignalsResource {

    private final RecommendationService recommendations;

    public AdminRecommendationSignalsResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    @Operation(
            summary = "How far the recommendation signals have counted the events (admin)",
            description = "fusion-service's co-occurrence signal: up to when every stored event is counted, its lag, "
                    + "and how many events, items and pairs it holds.")
    public Uni<SignalsStatus> signals() {
        return recommendations.signalsStatus();
    }
}
