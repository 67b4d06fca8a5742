package io.magpie.kg.rest;

import io.magpie.api.graph.GraphProduct;
import io.magpie.kg.service.ProductGraphService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The catalogue's products in the graph ({@code KnowledgeGraphClient#upsertProducts}, {@code #deleteProduct}). */
@Path("/v1/graph/products")
@Tag(name = "Graph products", description = "Product nodes with their brand and category path")
public class GraphProductResource {

    private final ProductGraphService products;

    public GraphProductResource(ProductGraphService products) {
        this.products = products;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or update products",
            description = "Upserts up to magpie.kg.upsert.max-batch-size products in one transaction: each "
                    + "product node, its MADE_BY brand and its IN_CATEGORY leaf of the category chain. A changed "
                    + "brand or category replaces the old link. Either the whole batch is written or none of it.")
    @APIResponse(responseCode = "204", description = "All products written")
    @APIResponse(responseCode = "400", description = "Invalid input; the problem names each bad field")
    public Uni<Void> upsert(List<GraphProduct> batch) {
        return products.upsert(batch);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a product", description = "Removes the product node and its relations; "
            + "succeeds also when there is no such product.")
    @APIResponse(responseCode = "204", description = "The product is gone")
    public Uni<Void> delete(@PathParam("id") String id) {
        return products.delete(id);
    }
}
