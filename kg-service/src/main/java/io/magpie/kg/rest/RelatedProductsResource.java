package io.magpie.kg.rest;

import io.magpie.api.graph.admin.RelatedProducts;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.problem.QueryParameters;
import io.magpie.kg.related.RelatedProductsService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Complements and substitutes of a product, with the graph paths that explain them; readable by any caller. */
@Path("/v1/products/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Related products", description = "Complements and substitutes from the graph, with explanations")
public class RelatedProductsResource {

    static final int MAX_K = 100;

    private final RelatedProductsService related;

    public RelatedProductsResource(RelatedProductsService related) {
        this.related = related;
    }

    @GET
    @Path("/complements")
    @Operation(
            summary = "Products that go with this one",
            description = "Linked by ACCESSORY_OF (either way), COMPATIBLE_WITH or ALSO_BOUGHT; scored by "
                    + "magpie.kg.related.*, each with its paths.")
    @APIResponse(responseCode = "200", description = "Best first")
    @APIResponse(responseCode = "404", description = "No such product in the graph")
    public Uni<RelatedProducts> complements(@PathParam("id") String id, @QueryParam("k") String kParam) {
        int k = QueryParameters.integer("k", kParam, 10, 1, MAX_K);
        check(id, k);
        return related.complements(id, k);
    }

    @GET
    @Path("/substitutes")
    @Operation(
            summary = "Products that could replace this one",
            description = "Linked by SUBSTITUTE_FOR (either way), or in the same leaf category sharing attributes "
                    + "(scored by the share of the product's attributes), each with its paths.")
    @APIResponse(responseCode = "200", description = "Best first")
    @APIResponse(responseCode = "404", description = "No such product in the graph")
    public Uni<RelatedProducts> substitutes(@PathParam("id") String id, @QueryParam("k") String kParam) {
        int k = QueryParameters.integer("k", kParam, 10, 1, MAX_K);
        check(id, k);
        return related.substitutes(id, k);
    }

    private static void check(String id, int k) {
        if (id == null || id.isBlank()) {
            throw ProblemException.invalidField("id", "is blank");
        }
        if (k < 1 || k > MAX_K) {
            throw ProblemException.invalidField("k", "must be between 1 and " + MAX_K);
        }
    }
}
