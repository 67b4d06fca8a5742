package io.magpie.fusion.rest;

import io.magpie.api.fusion.ActivateFusionModel;
import io.magpie.api.fusion.FusionModelActivation;
import io.magpie.api.fusion.FusionModelInfo;
import io.magpie.api.fusion.FusionModelList;
import io.magpie.api.fusion.TrainingRequest;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.security.AdminActor;
import io.magpie.api.security.AdminOnly;
import io.magpie.fusion.service.AttentionTraining;
import io.magpie.fusion.service.LambdaMartTraining;
import io.magpie.fusion.service.ModelRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Learned rankers: train a version (LambdaMART or attention) from labelled fuse requests, list versions, activate
 * one (admin key).
 */
@Path("/v1/admin/models")
@AdminOnly
public class ModelAdminResource {

    private final LambdaMartTraining training;
    private final AttentionTraining attentionTraining;
    private final ModelRegistry registry;

    public ModelAdminResource(
            LambdaMartTraining training, AttentionTraining attentionTraining, ModelRegistry registry) {
        this.training = training;
        this.attentionTraining = attentionTraining;
        this.registry = registry;
    }

    /** Runs on a worker thread (a plain return type): training takes seconds of CPU. */
    @POST
    @Path("/lambdamart")
    @ResponseStatus(201)
    @Operation(
            summary = "Train a LambdaMART version from labelled fuse requests",
            description = "Each example is a fuse request as serving receives it (capture them with the gateway's "
                    + "GET /api/v1/search/fuse-request) and graded labels per product id. Stores a new version "
                    + "with its validation figures; it is not activated.")
    public FusionModelInfo train(
            @Valid @NotNull TrainingRequest request,
            @Parameter(
                            description = "how to fit: a variant name (plain, regularised, monotone, "
                                    + "steady-features, residual, residual-regularised, linear) or auto, the "
                                    + "best of them by cross-validation inside the training examples; default "
                                    + "magpie.fusion.models.trees.variant")
                    @QueryParam("variant")
                    String variant,
            @Parameter(
                            description = "true: the model is the mean of the refit and the inner-fold models "
                                    + "(bagging, docs/adr/0042); false: the refit alone; default "
                                    + "magpie.fusion.models.trees.bagged")
                    @QueryParam("bagged")
                    String bagged) {
        return training.train(request, variant, flag("bagged", bagged));
    }

    /** An optional true/false query parameter; anything else is a 400 naming it (not JAX-RS's 404). */
    private static Boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalidField(name, "must be true or false, not '" + value + "'");
        };
    }

    /** Runs on a worker thread; one attention training at a time per process (DJL's gradient collector). */
    @POST
    @Path("/attention")
    @ResponseStatus(201)
    @Operation(
            summary = "Train an attention-fusion version from labelled fuse requests",
            description = "The same examples as for LambdaMART (fuse requests as serving receives them, graded "
                    + "labels per product id), read through the same feature extractor. Stores a new version of "
                    + "kind attention with its validation figures; it is not activated. Fewer than two examples "
                    + "with a grade above 0 are a 422.")
    public FusionModelInfo trainAttention(@Valid @NotNull TrainingRequest request) {
        return attentionTraining.train(request);
    }

    @GET
    @Operation(summary = "Learned ranker versions, newest first, the active one and the latest activations")
    public FusionModelList list() {
        return registry.list();
    }

    @PUT
    @Path("/active")
    @Operation(
            summary = "Make a version the one the storefront gets, on every replica, without restart",
            description = "The version is loaded first: an unknown one is 404, one trained on another feature "
                    + "schema 409, a corrupt one 422; then the active one stays. Recorded in the registry's "
                    + "activation history (who, when).")
    public FusionModelInfo activate(
            @Valid @NotNull ActivateFusionModel request,
            @Parameter(hidden = true) @HeaderParam(AdminActor.HEADER) String actor) {
        return registry.activate(request.model(), actor);
    }

    @POST
    @Path("/active/rollback")
    @Operation(
            summary = "Make the version that was active before the current one active again, without restart",
            description = "Back to the fixed strategy when none was active before; 409 when nothing was ever "
                    + "activated. The earlier version is loaded first: one that cannot serve is refused (409/422) and "
                    + "the active one stays. Every change is kept in the registry's activation history.")
    public FusionModelActivation rollback(@Parameter(hidden = true) @HeaderParam(AdminActor.HEADER) String actor) {
        return registry.rollback(actor);
    }
}
