package io.magpie.encoder.rest;

import io.magpie.api.encoder.EncodeRequest;
import io.magpie.api.encoder.EncodeResponse;
import io.magpie.api.problem.Problem;
import io.magpie.encoder.service.EncoderService;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Tag(name = "Encoder", description = "Text to vectors")
public class EncodeResource {

    private final EncoderService service;

    public EncodeResource(EncoderService service) {
        this.service = service;
    }

    @POST
    @Path("/encode")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    // A forward pass takes milliseconds to seconds of CPU: a worker thread, never the event loop.
    @Blocking
    @Operation(summary = "Encode texts",
            description = "L2-normalised vectors, one per text, in request order. Texts longer than the model's "
                    + "maximum are cut, and their indexes are listed in 'truncated'.")
    @APIResponse(responseCode = "200", description = "The vectors",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EncodeResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The model is still loading or failed to load",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EncodeResponse encode(EncodeRequest request) {
        return service.encode(request);
    }
}
