package io.magpie.gateway.rest;

import io.magpie.api.impressions.ServedList;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.recs.RecommendationResponse;
import io.magpie.gateway.config.RecommendationsConfig;
import io.magpie.gateway.security.Caller;
import io.magpie.gateway.service.ImpressionRecorder;
import io.magpie.gateway.service.RecommendationService;
import io.magpie.gateway.service.ServedLists;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Products like a product, beside its complements and substitutes (a path of its own: JAX-RS does not backtrack). */
@Path("/api/v1/products/{id}/similar")
@Tag(name = "Recommendations")
public class SimilarProductsResource {

    private final RecommendationService recommendations;
    private final RecommendationsConfig config;

    private final ImpressionRecorder impressions;

    public SimilarProductsResource(
            RecommendationService recommendations, RecommendationsConfig config, ImpressionRecorder impressions) {
        this.recommendations = recommendations;
        this.config = config;
        this.impressions = impressions;
    }

    @GET
    @Operation(
            summary = "Products like this one",
            description = "Content similarity (text vectors), collaborative neighbours and related products from the "
                    + "graph, ranked together; each item says why. Works for a product without any events.")
    public Uni<RecommendationResponse> similar(
            @PathParam("id") String id,
            @Parameter(description = "how many, 1 to 100 (default 10)") @QueryParam("size") String size,
            @Parameter(description = "only this category path or below it") @QueryParam("category") String category,
            RoutingContext routing) {
        FieldErrors errors = new FieldErrors();
        RecommendationParameters.checkId(errors, "id", id);
        int wanted = RecommendationParameters.size(errors, size, config.defaultSize());
        String path = RecommendationParameters.category(errors, category);
        errors.throwIfAny();
        String product = id.strip();
        return recommendations
                .similarTo(product, wanted, path)
                .invoke(served -> impressions.recordFor(
                        Caller.of(routing),
                        () -> ServedLists.recommendations(ServedList.SIMILAR, served, null, product)));
    }
}
