package io.magpie.gateway.rest;

import io.magpie.gateway.client.ServiceRelay;
import io.magpie.gateway.client.ServiceRelay.Target;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Training jobs of the collaborative item vectors, relayed to fusion-service's {@code /v1/admin/collaborative/jobs}
 * with the caller's admin key (checked there again); guarded here by {@link io.magpie.gateway.security.KeyScopeFilter}.
 * fusion-service's {@code Location} names its own address, so the gateway answers with its own route instead.
 */
@Path("/api/v1/admin/collaborative/jobs")
@Tag(name = "Recommendations")
public class AdminCollaborativeResource {

    private final ServiceRelay relay;

    public AdminCollaborativeResource(ServiceRelay relay) {
        this.relay = relay;
    }

    @POST
    @Operation(
            summary = "Start a training of the collaborative item vectors (admin)",
            description = "Optional JSON body: dimension, contextWindow, negatives, epochs, learningRate, seed; absent"
                    + " values take fusion-service's configured ones. Answers 202 with the job (id, state, started) and"
                    + " its Location; 409 naming the job while one is queued or running.")
    public Uni<Response> start(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return relay.relay(Target.FUSION, "POST", uri, headers, body).map(answer -> {
            String location = answer.getHeaderString(HttpHeaders.LOCATION);
            if (location == null) {
                return answer;
            }
            String id = location.substring(location.lastIndexOf('/') + 1);
            return Response.fromResponse(answer)
                    .location(uri.getAbsolutePathBuilder().path(id).build())
                    .build();
        });
    }

    @GET
    @Path("/{id}")
    @Operation(
            summary = "A training job of the collaborative item vectors (admin)",
            description = "State (queued, running, succeeded, failed), progress (epoch of epochs, sequences, items),"
                    + " and the result (version served, items, seconds) or the error.")
    public Uni<Response> get(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        return relay.relay(Target.FUSION, "GET", uri, headers, null);
    }
}
