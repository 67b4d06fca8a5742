package io.magpie.retrieval.rest;

import io.magpie.api.catalog.IngestResult;
import io.magpie.api.catalog.Product;
import io.magpie.retrieval.service.ProductCatalog;
import io.magpie.retrieval.service.ProductIngest;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The catalogue: bulk ingest and lookups by id. */
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
    @Operation(summary = "Bulk upsert of products",
            description = "One Product JSON object per line. Invalid lines are refused and listed in errors with "
                    + "their line number (field \"$\" means the whole line); valid lines are stored, encoded and "
                    + "indexed in batches. A later line with the same id wins. Re-sending a body is safe.")
    public IngestResult ingest(InputStream body) {
        return ingest.ingest(body);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Products by id", description = "In the order asked, each once; unknown ids are left out.")
    public Uni<List<Product>> products(@Parameter(description = "product ids, at most 200")
                                       @QueryParam("ids") List<String> ids) {
        return catalog.byIds(ids == null ? List.of() : ids);
    }
}
