package io.magpie.gateway.rest;

import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.RetrievalClient;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Catalogue administration; guarded by {@link io.magpie.gateway.security.AdminKeyFilter}. */
@Path("/api/v1/admin/products")
public class AdminProductResource {

    private final RetrievalClient retrieval;

    public AdminProductResource(@RestClient RetrievalClient retrieval) {
        this.retrieval = retrieval;
    }

    @POST
    @Consumes("application/x-ndjson")
    @Operation(summary = "Bulk upsert products, one JSON object per line",
            description = "Streamed to retrieval-service, which validates, stores, encodes and indexes them.")
    public Uni<Response> ingest(InputStream ndjson) {
        return retrieval.ingest(ndjson)
                .map(result -> Response.ok(result, MediaType.APPLICATION_JSON_TYPE).build())
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
