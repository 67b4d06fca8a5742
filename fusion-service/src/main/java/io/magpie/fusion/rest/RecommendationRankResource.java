package io.magpie.fusion.rest;

import io.magpie.api.fusion.FuseResponse;
import io.magpie.api.recs.RecommendationRankRequest;
import io.magpie.fusion.service.RecommendationRanking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/recommendations/rank")
@Tag(name = "recommendation signals")
public class RecommendationRankResource {

    private final RecommendationRanking ranking;

    public RecommendationRankResource(RecommendationRanking ranking) {
        this.ranking = ranking;
    }

    @POST
    @Operation(
            summary = "Rank recommendation candidates",
            description = "Weighted fusion of the sources' min-max normalised scores with the recommendation weights "
                    + "(magpie.fusion.recommendations.weights.<source>); the answer names the strategy and, as "
                    + "model, the collaborative vectors served (<model>:<version>), absent before any training.")
    public Uni<FuseResponse> rank(@Valid @NotNull RecommendationRankRequest request) {
        return ranking.rank(request);
    }
}
