package io.magpie.fusion.rest;

import io.magpie.api.recs.CollaborativeTrainingJob;
import io.magpie.api.recs.CollaborativeTrainingRequest;
import io.magpie.api.security.AdminOnly;
import io.magpie.fusion.collaborative.CollaborativeTrainingJobs;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin: train the collaborative item vectors now, as a job (they are also trained on a schedule). */
@Path("/v1/admin/collaborative/jobs")
@Tag(name = "admin")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class CollaborativeAdminResource {

    private final CollaborativeTrainingJobs jobs;

    public CollaborativeAdminResource(CollaborativeTrainingJobs jobs) {
        this.jobs = jobs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Start a training of the collaborative item vectors from the stored events",
            description = "item2vec over shoppers' item sequences; written to retrieval-service's product_cf as a"
                    + " new version, which is then activated. Answers 202 with the job and its Location; absent values"
                    + " take the configured ones. 409 naming the job while one is queued or running on any replica.")
    public Uni<Response> start(CollaborativeTrainingRequest request, @Context UriInfo uri) {
        return jobs.start(CollaborativeTrainingJobs.ADMIN, request)
                .map(job -> Response.accepted(job)
                        .location(uri.getAbsolutePathBuilder().path(job.id()).build())
                        .build());
    }

    @GET
    @Path("/{id}")
    @Operation(
            summary = "A collaborative training job",
            description = "State (queued, running, succeeded, failed), progress (epoch of epochs, sequences, items),"
                    + " and the result (version served, items, seconds) or the error.")
    public Uni<CollaborativeTrainingJob> get(@PathParam("id") String id) {
        return jobs.get(id);
    }
}
