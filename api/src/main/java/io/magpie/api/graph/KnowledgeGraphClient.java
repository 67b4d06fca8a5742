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

    /** Creates or updates Product nodes with their brand and category path. */
    @PUT
    @Path("/graph/products")
    Uni<Void> upsertProducts(List<GraphProduct> products);

    @DELETE
    @Path("/graph/products/{id}")
    Uni<Void> deleteProduct(@PathParam("id") String id);

    /** Products sharing a category or brand with the seeds, each with the path that links it. */
    @POST
    @Path("/expand")
    Uni<CandidateList> expand(ExpandRequest request);
}
