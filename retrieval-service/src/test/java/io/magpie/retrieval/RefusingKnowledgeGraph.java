package io.magpie.retrieval;

import io.magpie.api.graph.GraphProduct;
import io.magpie.api.graph.GraphProductDeletion;
import io.magpie.api.problem.Problem;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Stands in for kg-service in {@link DeadLetterTest}: accepts every product except those whose title says
 * {@value #REFUSED_MARK}, which it refuses with a 400 as kg-service refuses a product it finds invalid. A fault
 * that the shared validation no longer lets a real ingest cause (a kg-service of a newer version with stricter
 * rules still could). Only tests that point {@code quarkus.rest-client.kg.url} at their own port call it.
 */
@Path("/v1/graph/products")
public class RefusingKnowledgeGraph {

    static final String REFUSED_MARK = "[kg refuses]";

    @PUT
    public Response upsert(List<GraphProduct> products) {
        for (int i = 0; i < products.size(); i++) {
            if (products.get(i).title() != null && products.get(i).title().contains(REFUSED_MARK)) {
                return Response.status(400)
                        .type(Problem.MEDIA_TYPE)
                        .entity(Problem.of(400, "Invalid input", "products[" + i + "].title: refused", null))
                        .build();
            }
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/deletions")
    public Response delete(List<GraphProductDeletion> deletions) {
        return Response.noContent().build();
    }
}
