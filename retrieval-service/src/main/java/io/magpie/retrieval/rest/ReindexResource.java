package io.magpie.retrieval.rest;

import io.magpie.api.catalog.ReindexStatus;
import io.magpie.api.security.AdminOnly;
import io.magpie.retrieval.indexing.ReindexJob;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Rebuilding Milvus and the graph from the catalogue. */
@Path("/v1/reindex")
@Tag(name = "catalog")
@Produces(MediaType.APPLICATION_JSON)
public class ReindexResource {

    private final ReindexJob job;

    public ReindexResource(ReindexJob job) {
        this.job = job;
    }

    @POST
    @AdminOnly
    @Operation(
            summary = "Start a reindex",
            description = "Builds the next versioned collection from PostgreSQL while search keeps using the old "
                    + "one, swaps the alias, drops the old collection, and re-delivers every product to the graph. "
                    + "202 with the progress; 409 while another reindex runs.")
    public Response start() {
        return Response.accepted(job.start()).build();
    }

    @GET
    @Operation(summary = "Progress of the current or last reindex (of any replica)")
    public Uni<ReindexStatus> status() {
        return job.sharedStatus();
    }
}
