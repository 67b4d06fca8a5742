package io.magpie.api.retrieval;

import io.magpie.api.catalog.DeleteRequest;
import io.magpie.api.catalog.DeleteResult;
import io.magpie.api.catalog.IndexingStatus;
import io.magpie.api.catalog.IngestResult;
import io.magpie.api.catalog.Product;
import io.magpie.api.catalog.ProductLookup;
import io.magpie.api.catalog.ReindexStatus;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** retrieval-service as seen by its callers: catalogue and candidate generation. */
@RegisterRestClient(configKey = "retrieval")
@Path("/v1")
public interface RetrievalClient {

    /** Bulk upsert of products, one JSON object per line (admin); {@code atomic} refuses all if one line is bad. */
    @POST
    @Path("/products")
    @Consumes("application/x-ndjson")
    Uni<IngestResult> ingest(
            @HeaderParam("Authorization") String authorization,
            @QueryParam("atomic") Boolean atomic,
            InputStream ndjson);

    /** Deletes one product everywhere (admin). */
    @DELETE
    @Path("/products/{id}")
    Uni<DeleteResult> delete(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

    /** Deletes products everywhere (admin). */
    @POST
    @Path("/products/deletions")
    Uni<DeleteResult> deleteAll(@HeaderParam("Authorization") String authorization, DeleteRequest request);

    /** How far Milvus and the graph lag behind the catalogue. */
    @GET
    @Path("/products/indexing")
    Uni<IndexingStatus> indexing();

    /** Starts rebuilding Milvus and the graph from the catalogue (admin); 409 while one runs. */
    @POST
    @Path("/reindex")
    Uni<ReindexStatus> reindex(@HeaderParam("Authorization") String authorization);

    /** Progress of the current or last reindex. */
    @GET
    @Path("/reindex")
    Uni<ReindexStatus> reindexStatus();

    /** Products by id, in the order asked; unknown ids are left out. */
    @GET
    @Path("/products")
    Uni<List<Product>> products(@QueryParam("ids") List<String> ids);

    /** Products by id, in the order asked; unknown ids are left out. For more ids than a query string carries. */
    @POST
    @Path("/products/lookup")
    Uni<List<Product>> lookup(ProductLookup lookup);

    @POST
    @Path("/candidates/dense")
    Uni<CandidateList> dense(DenseQuery query);

    @POST
    @Path("/candidates/lexical")
    Uni<CandidateList> lexical(LexicalQuery query);

    /** Products like one product (text vectors), the product itself left out. */
    @POST
    @Path("/candidates/similar")
    Uni<CandidateList> similar(SimilarQuery query);

    /** Items near a shopper's history (collaborative vectors), the history left out. */
    @POST
    @Path("/candidates/collaborative")
    Uni<CandidateList> collaborative(HistoryQuery query);

    /** Category, brand and price-bucket counts of a candidate set. */
    @POST
    @Path("/facets")
    Uni<Facets> facets(FacetRequest request);

    /** Bulk write of collaborative item vectors (admin key in the Authorization header). */
    @POST
    @Path("/admin/product-cf")
    Uni<ItemVectorWriteResult> writeItemVectors(
            @HeaderParam("Authorization") String authorization, ItemVectorBatch batch);

    /** Serves this version of the collaborative item vectors from now on (admin key in the Authorization header). */
    @PUT
    @Path("/admin/product-cf/active")
    Uni<ItemVectorActivation> activateItemVectors(
            @HeaderParam("Authorization") String authorization, ItemVectorVersion version);
}
