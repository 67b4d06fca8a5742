package io.magpie.gateway.rest;

import io.magpie.gateway.client.ServiceRelay;
import io.magpie.gateway.client.ServiceRelay.Target;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public reads of a product's complements and substitutes from the graph, with their explanations. */
@Path("/api/v1/products/{id}")
@Tag(name = "Related products", description = "Complements and substitutes from the knowledge graph")
public class RelatedProductsResource {

    private final ServiceRelay relay;

    public RelatedProductsResource(ServiceRelay relay) {
        this.relay = relay;
    }

    @GET
    @Path("/complements")
    @Operation(summary = "Products that go with this one (accessories, compatible, bought together), with paths")
    public Uni<Response> complements(
            @PathParam("id") String id,
            @QueryParam("k") Integer k,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return relay.relay(Target.KNOWLEDGE_GRAPH, "GET", uri, headers, null);
    }

    @GET
    @Path("/substitutes")
    @Operation(summary = "Products that could replace this one (curated, or same category sharing attributes)")
    public Uni<Response> substitutes(
            @PathParam("id") String id,
            @QueryParam("k") Integer k,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return relay.relay(Target.KNOWLEDGE_GRAPH, "GET", uri, headers, null);
    }
}
