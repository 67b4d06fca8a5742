package io.magpie.api.graph;

import io.magpie.api.retrieval.CandidateList;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** kg-service as seen by its callers. */
@RegisterRestClient(configKey = "kg")
@Path("/v1")
public interface KnowledgeGraphClient {

    /** Creates or updates Product nodes with their brand, category path and attributes; idempotent by version. */
    @PUT
    @Path("/graph/products")
    Uni<Void> upsertProducts(List<GraphProduct> products);

    /** Deletes a product whatever its version. */
    @DELETE
    @Path("/graph/products/{id}")
    Uni<Void> deleteProduct(@PathParam("id") String id);

    /** Deletes products unless the graph holds a newer version of them; re-delivery is harmless. */
    @POST
    @Path("/graph/products/deletions")
    Uni<Void> deleteProducts(List<GraphProductDeletion> deletions);

    /** Creates or re-weights ALSO_BOUGHT links between existing products; links to unknown products are skipped. */
    @PUT
    @Path("/graph/also-bought")
    Uni<Void> putAlsoBought(List<AlsoBoughtEdge> edges);

    /**
     * Products named by the query text (brands, categories, attribute values) and related to the seeds and the
     * history, best first, each with the graph paths that produced it as its reason.
     */
    @POST
    @Path("/expand")
    Uni<CandidateList> expand(ExpandRequest request);
}
