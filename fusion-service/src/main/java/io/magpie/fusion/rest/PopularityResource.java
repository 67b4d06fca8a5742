package io.magpie.fusion.rest;

import io.magpie.api.retrieval.CandidateList;
import io.magpie.fusion.events.PopularitySignal;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Popular products as a candidate source (cold start, recommendations). */
@Path("/v1/candidates/popular")
@Tag(name = "events")
public class PopularityResource {

    private final PopularitySignal popularity;

    public PopularityResource(PopularitySignal popularity) {
        this.popularity = popularity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The most popular products lately",
            description = "Decayed counts of behaviour events (view 1, click 2, add_to_cart 4, purchase 8 by "
                    + "default, halved every 7 days), recomputed every minute; products the catalogue does not know "
                    + "are left out. The snapshot's age is the metric magpie_popularity_lag_seconds.")
    public Uni<CandidateList> popular(
            @Parameter(description = "a category path (levels joined by ' > '): that category and those below it")
                    @QueryParam("category")
                    String category,
            @Parameter(description = "how many, 1 to magpie.fusion.popularity.max-size (default 20)")
                    @QueryParam("size")
                    Integer size) {
        return popularity.top(category, size);
    }
}
