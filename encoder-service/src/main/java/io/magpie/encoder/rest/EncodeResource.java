package io.magpie.encoder.rest;

import io.magpie.api.encoder.BinaryVectors;
import io.magpie.api.encoder.EncodeRequest;
import io.magpie.api.encoder.EncodeResponse;
import io.magpie.api.problem.Problem;
import io.magpie.encoder.service.EncoderService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
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
    // JSON first: it is what a caller gets unless it asks for the binary form alone.
    @Produces({MediaType.APPLICATION_JSON, BinaryVectors.MEDIA_TYPE})
    // Non-blocking: the texts are queued for the micro-batcher's forward threads and the answer comes when done.
    @Operation(
            summary = "Encode texts",
            description = "Vectors (L2-normalised unless the model says otherwise), one per text, in request order. "
                    + "'model' is a name (its active version), name@version (a loaded version) or absent (the "
                    + "default model). Texts longer than the model's maximum are cut, and their indexes are listed "
                    + "in 'truncated'. Texts of concurrent requests share forward passes (micro-batching); queries and documents "
                    + "are queued apart, so queries never wait behind bulk document encodes. Bulk callers may send "
                    + "'Accept: application/octet-stream' for little-endian float32 rows after a small header "
                    + "(io.magpie.api.encoder.BinaryVectors).")
    @APIResponse(
            responseCode = "200",
            description = "The vectors",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = EncodeResponse.class)),
                @Content(mediaType = BinaryVectors.MEDIA_TYPE)
            })
    @APIResponse(
            responseCode = "400",
            description = "Invalid request or unknown model; the problem names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "Models still loading, or the queue is full (then with " + "Retry-After)",
            headers = @Header(name = "Retry-After", description = "seconds to wait"),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EncodeResponse> encode(EncodeRequest request) {
        return Uni.createFrom().completionStage(() -> service.encode(request));
    }
}
