package io.magpie.gateway.rest;

import io.magpie.gateway.client.ServiceRelay;
import io.magpie.gateway.client.ServiceRelay.Target;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Training of the collaborative item vectors, relayed to fusion-service's {@code /v1/admin/collaborative/train} with
 * the caller's admin key (checked there again); guarded here by {@link io.magpie.gateway.security.AdminKeyFilter}.
 */
@Path("/api/v1/admin/collaborative/train")
@Tag(name = "Recommendations")
public class AdminCollaborativeResource {

    private final ServiceRelay relay;

    public AdminCollaborativeResource(ServiceRelay relay) {
        this.relay = relay;
    }

    @POST
    @Operation(
            summary = "Train the collaborative item vectors now and serve them (admin)",
            description = "Optional JSON body: dimension, contextWindow, negatives, epochs, learningRate, seed; absent"
                    + " values take fusion-service's configured ones. Answers the version now served.")
    public Uni<Response> train(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return relay.relay(Target.FUSION, "POST", uri, headers, body);
    }
}
