package io.magpie.api.retrieval;

import io.magpie.api.catalog.IngestResult;
import io.magpie.api.catalog.Product;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** retrieval-service as seen by its callers: catalogue and candidate generation. */
@RegisterRestClient(configKey = "retrieval")
@Path("/v1")
public interface RetrievalClient {

    /** Bulk upsert of products, one JSON object per line. */
    @POST
    @Path("/products")
    @Consumes("application/x-ndjson")
    Uni<IngestResult> ingest(InputStream ndjson);

    /** Products by id, in the order asked; unknown ids are left out. */
    @GET
    @Path("/products")
    Uni<List<Product>> products(@QueryParam("ids") List<String> ids);

    @POST
    @Path("/candidates/dense")
    Uni<CandidateList> dense(DenseQuery query);

    @POST
    @Path("/candidates/lexical")
    Uni<CandidateList> lexical(LexicalQuery query);
}
