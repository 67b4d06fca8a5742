package io.magpie.gateway.rest;

import io.magpie.api.catalog.DeleteRequest;
import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.RetrievalClient;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Catalogue administration, relayed to retrieval-service with the caller's admin key (retrieval-service checks it
 * again); guarded here by {@link io.magpie.gateway.security.AdminKeyFilter}.
 */
@Path("/api/v1/admin")
public class AdminProductResource {

    private final RetrievalClient retrieval;

    public AdminProductResource(@RestClient RetrievalClient retrieval) {
        this.retrieval = retrieval;
    }

    @POST
    @Path("/products")
    @Consumes("application/x-ndjson")
    @Operation(summary = "Bulk upsert products, one JSON object per line",
            description = "Streamed to retrieval-service, which validates and stores them, and indexes them "
                    + "through its outbox. atomic=true refuses the whole body if one line is invalid.")
    public Uni<Response> ingest(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @QueryParam("atomic") Boolean atomic, InputStream ndjson) {
        return relay(retrieval.ingest(authorization, atomic, ndjson), 200);
    }

    @DELETE
    @Path("/products/{id}")
    @Operation(summary = "Delete a product from the catalogue, the indexes and the graph")
    public Uni<Response> delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @PathParam("id") String id) {
        return relay(retrieval.delete(authorization, id), 200);
    }

    @POST
    @Path("/products/deletions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete products (ids in one transaction)")
    public Uni<Response> deleteAll(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                   DeleteRequest request) {
        return relay(retrieval.deleteAll(authorization, request), 200);
    }

    @GET
    @Path("/products/indexing")
    @Operation(summary = "Indexing lag: changes not yet in Milvus and the graph, and the reindex's progress")
    public Uni<Response> indexing() {
        return relay(retrieval.indexing(), 200);
    }

    @POST
    @Path("/reindex")
    @Operation(summary = "Rebuild Milvus and the graph from the catalogue (409 while one runs)")
    public Uni<Response> reindex(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return relay(retrieval.reindex(authorization), 202);
    }

    @GET
    @Path("/reindex")
    @Operation(summary = "Progress of the current or last reindex")
    public Uni<Response> reindexStatus() {
        return relay(retrieval.reindexStatus(), 200);
    }

    private static Uni<Response> relay(Uni<?> call, int status) {
        return call
                .map(result -> Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(result).build())
                .onFailure(WebApplicationException.class).recoverWithItem(AdminProductResource::relayProblem)
                .onFailure().transform(e -> new ProblemException(503, "Service unavailable",
                        "the catalogue service cannot be reached: " + e.getMessage()));
    }

    /** retrieval-service's own problem (say, line 3 is invalid) is what the caller needs to see. */
    private static Response relayProblem(Throwable failure) {
        Response downstream = ((WebApplicationException) failure).getResponse();
        String body = downstream.hasEntity() ? downstream.readEntity(String.class) : null;
        return Response.status(downstream.getStatus()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
