package io.magpie.api.encoder;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** encoder-service as seen by its callers. */
@RegisterRestClient(configKey = "encoder")
@Path("/v1")
public interface EncoderClient {

    @POST
    @Path("/encode")
    Uni<EncodeResponse> encode(EncodeRequest request);
}
