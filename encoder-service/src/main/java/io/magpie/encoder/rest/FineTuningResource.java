package io.magpie.encoder.rest;

import io.magpie.api.encoder.FineTuningJob;
import io.magpie.api.encoder.FineTuningRequest;
import io.magpie.api.security.AdminOnly;
import io.magpie.encoder.training.FineTuningJobs;
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
import java.util.List;

/**
 * Admin API of fine-tuning: start a job (202 with its id and Location), follow it, list jobs. Activating the new
 * version is a separate, deliberate step (it changes every vector; the catalogue must be re-encoded).
 */
@Path("/v1/admin/fine-tuning/jobs")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class FineTuningResource {

    private final FineTuningJobs jobs;

    public FineTuningResource(FineTuningJobs jobs) {
        this.jobs = jobs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(FineTuningRequest request, @Context UriInfo uri) {
        FineTuningJob job = jobs.submit(request);
        return Response.accepted(job)
                .location(uri.getAbsolutePathBuilder().path(job.id()).build())
                .build();
    }

    @GET
    @Path("/{id}")
    public FineTuningJob get(@PathParam("id") String id) {
        return jobs.get(id);
    }

    @GET
    public List<FineTuningJob> list() {
        return jobs.list();
    }
}
