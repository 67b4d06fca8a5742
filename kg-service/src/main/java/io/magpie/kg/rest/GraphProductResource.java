package io.magpie.kg.rest;

import io.magpie.api.graph.GraphProduct;
import io.magpie.api.graph.GraphProductDeletion;
import io.magpie.kg.service.ProductGraphService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
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
    @Operation(
            summary = "Create or update products",
            description = "Upserts up to magpie.kg.upsert.max-batch-size products in one transaction: each "
                    + "product node, its MADE_BY brand, its IN_CATEGORY leaf of the category chain and its HAS "
                    + "attribute values. A changed brand, category or attribute replaces the old link; curated "
                    + "relations (ACCESSORY_OF, COMPATIBLE_WITH, SUBSTITUTE_FOR, ALSO_BOUGHT) are kept. A product "
                    + "older (by version) than the graph's copy or its deletion is skipped, so re-delivery is "
                    + "harmless. Either the whole batch is written or none of it.")
    @APIResponse(responseCode = "204", description = "All products written")
    @APIResponse(responseCode = "400", description = "Invalid input; the problem names each bad field")
    public Uni<Void> upsert(List<GraphProduct> batch) {
        return products.upsert(batch);
    }

    @POST
    @Path("/deletions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Delete products by version",
            description = "Removes each product node and its relations unless the graph holds a newer version, "
                    + "and remembers the deletion so that an older upsert arriving later is skipped. One "
                    + "transaction; unknown products succeed.")
    @APIResponse(responseCode = "204", description = "Done")
    @APIResponse(responseCode = "400", description = "Invalid input; the problem names each bad field")
    public Uni<Void> delete(List<GraphProductDeletion> deletions) {
        return products.delete(deletions);
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            summary = "Delete a product",
            description = "Removes the product node and its relations whatever "
                    + "its version; succeeds also when there is no such product.")
    @APIResponse(responseCode = "204", description = "The product is gone")
    public Uni<Void> delete(@PathParam("id") String id) {
        return products.delete(id);
    }
}
