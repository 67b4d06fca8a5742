package io.magpie.gateway.rest;

import io.magpie.api.problem.QueryParameters;
import io.magpie.gateway.client.ServiceRelay;
import io.magpie.gateway.client.ServiceRelay.Target;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Catalogue administration, relayed to retrieval-service with the caller's admin key (retrieval-service checks it
 * again); guarded here by {@link io.magpie.gateway.security.KeyScopeFilter}.
 */
@Path("/api/v1/admin")
public class AdminProductResource {

    private final ServiceRelay relay;

    public AdminProductResource(ServiceRelay relay) {
        this.relay = relay;
    }

    @POST
    @Path("/products")
    @Consumes("application/x-ndjson")
    @Blocking
    @Operation(
            summary = "Bulk upsert products, one JSON object per line",
            description = "Streamed to retrieval-service, which validates and stores them, and indexes them "
                    + "through its outbox. atomic=true refuses the whole body if one line is invalid.")
    public Response ingest(
            @QueryParam("atomic") String atomic,
            @Context UriInfo uri,
            @Context HttpHeaders headers,
            InputStream ndjson) {
        // refused here, before the body streams: atomic=1 must not become a non-atomic ingest
        QueryParameters.bool("atomic", atomic, false);
        return relay.relayStream(Target.RETRIEVAL, "POST", "/v1/products", uri, headers, ndjson);
    }

    @DELETE
    @Path("/products/{id}")
    @Operation(summary = "Delete a product from the catalogue, the indexes and the graph")
    public Uni<Response> delete(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        return relay.relay(Target.RETRIEVAL, "DELETE", "/v1/products/" + rawLastSegment(uri), uri, headers, null);
    }

    @POST
    @Path("/products/deletions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete products (ids in one transaction)")
    public Uni<Response> deleteAll(@Context UriInfo uri, @Context HttpHeaders headers, byte[] request) {
        return relay.relay(Target.RETRIEVAL, "POST", "/v1/products/deletions", uri, headers, request);
    }

    @GET
    @Path("/products/indexing")
    @Operation(summary = "Indexing lag: changes not yet in Milvus and the graph, and the reindex's progress")
    public Uni<Response> indexing(@Context UriInfo uri, @Context HttpHeaders headers) {
        return relay.relay(Target.RETRIEVAL, "GET", "/v1/products/indexing", uri, headers, null);
    }

    @POST
    @Path("/reindex")
    @Operation(summary = "Rebuild Milvus and the graph from the catalogue (409 while one runs)")
    public Uni<Response> reindex(@Context UriInfo uri, @Context HttpHeaders headers) {
        return relay.relay(Target.RETRIEVAL, "POST", "/v1/reindex", uri, headers, null);
    }

    @GET
    @Path("/reindex")
    @Operation(summary = "Progress of the current or last reindex")
    public Uni<Response> reindexStatus(@Context UriInfo uri, @Context HttpHeaders headers) {
        return relay.relay(Target.RETRIEVAL, "GET", "/v1/reindex", uri, headers, null);
    }

    @GET
    @Path("/products/dead-letters")
    @Operation(summary = "Catalogue changes the indexing gave up on after its attempts, with the last error")
    public Uni<Response> deadLetters(@Context UriInfo uri, @Context HttpHeaders headers) {
        return relay.relay(Target.RETRIEVAL, "GET", "/v1/products/dead-letters", uri, headers, null);
    }

    @POST
    @Path("/products/dead-letters/{id}/retry")
    @Operation(summary = "Put a dead letter back into the indexing queue")
    public Uni<Response> retryDeadLetter(
            @PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        return relay.relay(Target.RETRIEVAL, "POST", uri, headers, null);
    }

    @DELETE
    @Path("/products/dead-letters/{id}")
    @Operation(summary = "Discard a dead letter (Milvus and the graph keep what they had)")
    public Uni<Response> discardDeadLetter(
            @PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        return relay.relay(Target.RETRIEVAL, "DELETE", uri, headers, null);
    }

    /** The id as the caller encoded it, so an id with reserved characters reaches the service unchanged. */
    private static String rawLastSegment(UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
