package io.magpie.api.fusion;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** fusion-service as seen by its callers. */
@RegisterRestClient(configKey = "fusion")
@Path("/v1")
public interface FusionClient {

    @POST
    @Path("/fuse")
    Uni<FuseResponse> fuse(FuseRequest request);
}
