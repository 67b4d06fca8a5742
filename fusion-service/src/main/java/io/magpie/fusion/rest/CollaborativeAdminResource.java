package io.magpie.fusion.rest;

import io.magpie.api.recs.CollaborativeTrainingRequest;
import io.magpie.api.recs.CollaborativeTrainingResult;
import io.magpie.api.security.AdminOnly;
import io.magpie.fusion.collaborative.CollaborativeTraining;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin: train the collaborative item vectors now (they are also trained on a schedule). */
@Path("/v1/admin/collaborative")
@Tag(name = "admin")
@AdminOnly
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CollaborativeAdminResource {

    private final CollaborativeTraining training;

    public CollaborativeAdminResource(CollaborativeTraining training) {
        this.training = training;
    }

    @POST
    @Path("/train")
    @Operation(
            summary = "Train the collaborative item vectors from the stored events and serve them",
            description = "item2vec over shoppers' item sequences; written to retrieval-service's product_cf as a"
                    + " new version, which is then activated. Absent values take the configured ones. 409 while a"
                    + " training runs or when no shopper has two items.")
    public Uni<CollaborativeTrainingResult> train(CollaborativeTrainingRequest request) {
        return training.train(request);
    }
}
