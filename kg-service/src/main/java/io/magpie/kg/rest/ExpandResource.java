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
@Tag(name = "Graph expansion", description = "Products related to seed products, with the linking path")
public class ExpandResource {

    private final GraphExpansionService expansion;

    public ExpandResource(GraphExpansionService expansion) {
        this.expansion = expansion;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Expand seed products through the graph",
            description = "Returns up to k products that share the leaf category or the brand with the seeds "
                    + "(seeds excluded), best first. Each link adds 1/(1 + seed position) times the relation's "
                    + "weight (magpie.kg.expand.*); the reason names the strongest links.")
    @APIResponse(responseCode = "200", description = "Candidates of source 'graph', best first")
    @APIResponse(responseCode = "400", description = "Invalid input; the problem names each bad field")
    public Uni<CandidateList> expand(ExpandRequest request) {
        return expansion.expand(request);
    }
}
