package io.magpie.retrieval.rest;

import io.magpie.api.retrieval.FacetRequest;
import io.magpie.api.retrieval.Facets;
import io.magpie.retrieval.service.FacetCounter;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Facet counts (category, brand, price) of a candidate set. */
@Path("/v1/facets")
@Tag(name = "candidates", description = "Ranked candidate lists for fusion")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FacetResource {

    private final FacetCounter facets;

    public FacetResource(FacetCounter facets) {
        this.facets = facets;
    }

    @POST
    @Operation(summary = "Category, brand and price-bucket counts of these products")
    public Uni<Facets> count(@Valid @NotNull FacetRequest request) {
        return facets.count(request);
    }
}
