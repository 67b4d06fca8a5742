package io.magpie.fusion.rest;

import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.FuseResponse;
import io.magpie.fusion.service.FusionService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/fuse")
public class FuseResource {

    private final FusionService fusion;

    public FuseResource(FusionService fusion) {
        this.fusion = fusion;
    }

    @POST
    @Operation(summary = "Merge the candidate lists of several sources into one ranking")
    public FuseResponse fuse(@Valid @NotNull FuseRequest request) {
        return fusion.fuse(request);
    }
}
