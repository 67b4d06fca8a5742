package io.magpie.kg.rest;

import io.magpie.api.graph.ExpandRequest;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.kg.service.GraphExpansionService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Graph candidates for the search and recommendation flows ({@code KnowledgeGraphClient#expand}). */
@Path("/v1/expand")
@Tag(
        name = "Graph expansion",
        description = "Products named by a query or related to seed and history products, "
                + "each with the graph paths that produced it")
public class ExpandResource {

    private final GraphExpansionService expansion;

    public ExpandResource(GraphExpansionService expansion) {
        this.expansion = expansion;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Graph candidates for a query text, seed products and a user's history",
            description = "Returns up to k products, best first: products of the brands, categories (and their "
                    + "sub-categories) and attribute values the query names (multi-word, case-insensitive); products "
                    + "sharing the leaf category or brand with a seed or history product, or linked to it through "
                    + "ACCESSORY_OF, COMPATIBLE_WITH, SUBSTITUTE_FOR and ALSO_BOUGHT chains. Seeds and history are "
                    + "never candidates. Each path adds its weight (magpie.kg.expand.*), scaled by 1/(1 + position) "
                    + "for seeds and history; the reason names the strongest paths, e.g. "
                    + "'query mentions brand \"Bounty\" -> MADE_BY' or 'ACCESSORY_OF -> \"Phone X\" (seed)'.")
    @APIResponse(responseCode = "200", description = "Candidates of source 'graph', best first")
    @APIResponse(responseCode = "400", description = "Invalid input; the problem names each bad field")
    public Uni<CandidateList> expand(ExpandRequest request) {
        return expansion.expand(request);
    }
}
