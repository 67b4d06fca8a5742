package io.magpie.encoder.rest;

import io.magpie.api.encoder.ActivateModelRequest;
import io.magpie.api.encoder.ModelInfo;
import io.magpie.api.encoder.ModelList;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.security.AdminOnly;
import io.magpie.encoder.service.ModelRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The models and versions this encoder knows, and the admin operations that change what it serves. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Models", description = "Named, versioned encoder models")
public class ModelResource {

    private final ModelRegistry models;

    public ModelResource(ModelRegistry models) {
        this.models = models;
    }

    @GET
    @Path("/models")
    @Blocking // scans the model directory
    @Operation(
            summary = "List models",
            description = "Every model with its versions: loaded, active, dimension, "
                    + "token limit, pooling, and the descriptor's metadata (creation, base, training).")
    public ModelList list() {
        return models.list();
    }

    @GET
    @Path("/models/{name}")
    @Blocking
    @Operation(summary = "One model and its versions")
    public ModelInfo get(@PathParam("name") String name) {
        return models.info(name);
    }

    @PUT
    @Path("/admin/models/{name}/active")
    @AdminOnly
    @Blocking // loading and warming a model takes seconds
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Activate a version",
            description = "Loads and warms the version, then makes requests naming the model use it. Requests "
                    + "already running finish on the version they started with. The vectors change: re-encode "
                    + "the catalogue (retrieval reindex) with name@version before queries use the new version.")
    public ModelInfo activate(@PathParam("name") String name, ActivateModelRequest request) {
        if (request == null || request.version() == null || request.version().isBlank()) {
            throw ProblemException.invalidField("version", "must name the version to activate");
        }
        return models.activate(name, request.version());
    }

    @POST
    @Path("/admin/models/{name}/versions/{version}/load")
    @AdminOnly
    @Blocking
    @Operation(
            summary = "Load a version without activating it",
            description = "Makes name@version servable, e.g. to re-encode the catalogue before activating it.")
    public ModelInfo load(@PathParam("name") String name, @PathParam("version") String version) {
        return models.load(name, version);
    }

    @DELETE
    @Path("/admin/models/{name}/versions/{version}/load")
    @AdminOnly
    @Blocking
    @Operation(summary = "Unload a version that is not active", description = "It closes when its last request ends.")
    public ModelInfo unload(@PathParam("name") String name, @PathParam("version") String version) {
        return models.unload(name, version);
    }
}
