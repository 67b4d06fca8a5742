package io.magpie.gateway.rest;

import io.magpie.gateway.client.ServiceRelay;
import io.magpie.gateway.client.ServiceRelay.Target;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Graph administration (nodes, relations, bulk import, audit log, undo), relayed to kg-service's
 * {@code /v1/admin/graph/**} with the caller's admin key, which kg-service checks again; guarded here by
 * {@link io.magpie.gateway.security.KeyScopeFilter}. The API is described in kg-service's OpenAPI and
 * docs/adr/0010.
 */
@Path("/api/v1/admin/graph/{path: .+}")
@Tag(name = "Graph administration", description = "Relayed to kg-service /v1/admin/graph/** (admin keys)")
public class AdminGraphResource {

    private final ServiceRelay relay;

    public AdminGraphResource(ServiceRelay relay) {
        this.relay = relay;
    }

    @GET
    @Operation(summary = "Read nodes, relations or the audit log")
    public Uni<Response> get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return relay.relay(Target.KNOWLEDGE_GRAPH, "GET", uri, headers, null);
    }

    @POST
    @Operation(summary = "Create a node or relation, import in bulk, or undo an audited edit")
    public Uni<Response> post(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return relay.relay(Target.KNOWLEDGE_GRAPH, "POST", uri, headers, body);
    }

    @PUT
    @Operation(summary = "Replace a node's or relation's properties (If-Match)")
    public Uni<Response> put(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return relay.relay(Target.KNOWLEDGE_GRAPH, "PUT", uri, headers, body);
    }

    @DELETE
    @Operation(summary = "Delete a node or relation (If-Match)")
    public Uni<Response> delete(@Context UriInfo uri, @Context HttpHeaders headers) {
        return relay.relay(Target.KNOWLEDGE_GRAPH, "DELETE", uri, headers, null);
    }
}
