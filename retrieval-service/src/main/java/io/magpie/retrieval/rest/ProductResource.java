package io.magpie.retrieval.rest;

import io.magpie.api.catalog.DeleteRequest;
import io.magpie.api.catalog.DeleteResult;
import io.magpie.api.catalog.IndexingStatus;
import io.magpie.api.catalog.IngestResult;
import io.magpie.api.catalog.Product;
import io.magpie.api.catalog.ProductLookup;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.problem.QueryParameters;
import io.magpie.api.security.AdminOnly;
import io.magpie.retrieval.service.ProductCatalog;
import io.magpie.retrieval.service.ProductIngest;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The catalogue: bulk ingest, deletes, lookups by id, and the indexing lag. */
@Path("/v1/products")
@Tag(name = "catalog", description = "Products stored in PostgreSQL and indexed in Milvus")
public class ProductResource {

    public static final String NDJSON = "application/x-ndjson";

    private final ProductIngest ingest;
    private final ProductCatalog catalog;

    public ProductResource(ProductIngest ingest, ProductCatalog catalog) {
        this.ingest = ingest;
        this.catalog = catalog;
    }

    /** Blocking on purpose: the body is read as a stream on a worker thread, one batch at a time. */
    @POST
    @Consumes(NDJSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @AdminOnly
    @Operation(
            summary = "Bulk upsert of products",
            description = "One Product JSON object per line. Invalid lines are refused and listed in errors with "
                    + "their line number (field \"$\" means the whole line); valid lines are stored in batches. "
                    + "With atomic=true one invalid line refuses the whole body (400) and nothing is stored. "
                    + "A later line with the same id wins; re-sending a body is safe and changes no version. "
                    + "Answers once PostgreSQL has committed; Milvus and the graph follow through the outbox "
                    + "(pendingIndexing, GET /v1/products/indexing).")
    public IngestResult ingest(
            @Parameter(description = "true: refuse everything if one line is invalid") @QueryParam("atomic")
                    String atomic,
            InputStream body) {
        return ingest.ingest(body, QueryParameters.bool("atomic", atomic, false));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Products by id",
            description = "In the order asked, each once; unknown and deleted ids " + "are left out.")
    public Uni<List<Product>> products(
            @Parameter(description = "product ids, at most magpie.retrieval.catalog.max-ids-per-get (1000)")
                    @QueryParam("ids")
                    List<String> ids) {
        return catalog.byIds(ids == null ? List.of() : ids);
    }

    @POST
    @Path("/lookup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Products by id, ids in the body",
            description = "As GET with ids, for the few hundred "
                    + "candidates of a search that fusion ranks (more than a query string carries).")
    public Uni<List<Product>> lookup(ProductLookup lookup) {
        return catalog.byIds(lookup == null || lookup.ids() == null ? List.of() : lookup.ids());
    }

    @DELETE
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminOnly
    @Operation(
            summary = "Delete a product",
            description = "From the catalogue now, from Milvus and the graph "
                    + "through the outbox. An unknown id is listed in unknown, not refused.")
    public Uni<DeleteResult> delete(@PathParam("id") String id) {
        return catalog.delete(List.of(id));
    }

    @POST
    @Path("/deletions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @AdminOnly
    @Operation(
            summary = "Delete products",
            description = "All in one transaction; unknown ids are listed, not " + "refused.")
    public Uni<DeleteResult> deleteAll(DeleteRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("send {\"ids\": [...]}");
        }
        return catalog.delete(request.ids());
    }

    @GET
    @Path("/indexing")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Indexing lag",
            description = "Catalogue changes not yet in Milvus and the graph, the age "
                    + "of the oldest, the last delivery error, and the reindex's progress.")
    public Uni<IndexingStatus> indexing() {
        return catalog.indexing();
    }
}
