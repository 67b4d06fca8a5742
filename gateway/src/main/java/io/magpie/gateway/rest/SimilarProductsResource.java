package io.magpie.gateway.rest;

import io.magpie.api.problem.FieldErrors;
import io.magpie.api.recs.RecommendationResponse;
import io.magpie.gateway.config.RecommendationsConfig;
import io.magpie.gateway.service.RecommendationService;
import io.smallrye.mutiny.Uni;
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

    public SimilarProductsResource(RecommendationService recommendations, RecommendationsConfig config) {
        this.recommendations = recommendations;
        this.config = config;
    }

    @GET
    @Operation(
            summary = "Products like this one",
            description = "Content similarity (text vectors), collaborative neighbours and related products from the "
                    + "graph, ranked together; each item says why. Works for a product without any events.")
    public Uni<RecommendationResponse> similar(
            @PathParam("id") String id,
            @Parameter(description = "how many, 1 to 100 (default 10)") @QueryParam("size") String size,
            @Parameter(description = "only this category path or below it") @QueryParam("category") String category) {
        FieldErrors errors = new FieldErrors();
        RecommendationParameters.checkId(errors, "id", id);
        int wanted = RecommendationParameters.size(errors, size, config.defaultSize());
        String path = RecommendationParameters.category(errors, category);
        errors.throwIfAny();
        return recommendations.similarTo(id.strip(), wanted, path);
    }
}
