package io.magpie.kg.rest;

import io.magpie.api.graph.AlsoBoughtEdge;
import io.magpie.kg.service.AlsoBoughtService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Mined ALSO_BOUGHT links ({@code KnowledgeGraphClient#putAlsoBought}), for behaviour-mining jobs. */
@Path("/v1/graph/also-bought")
@Tag(name = "Graph products", description = "Product nodes with their brand and category path")
public class AlsoBoughtResource {

    private final AlsoBoughtService alsoBought;

    public AlsoBoughtResource(AlsoBoughtService alsoBought) {
        this.alsoBought = alsoBought;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create or re-weight ALSO_BOUGHT links",
            description = "One link per product pair (no direction); a link's weight replaces the earlier one. "
                    + "Links naming an unknown product are skipped. One transaction.")
    @APIResponse(responseCode = "204", description = "Written")
    @APIResponse(responseCode = "400", description = "Invalid input; the problem names each bad field")
    public Uni<Void> put(List<AlsoBoughtEdge> edges) {
        return alsoBought.upsert(edges);
    }
}
