package io.magpie.retrieval.rest;

import io.magpie.api.catalog.DeadLetter;
import io.magpie.api.security.AdminOnly;
import io.magpie.retrieval.service.DeadLetterQueue;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Catalogue changes the outbox gave up delivering (docs/adr/0014): list, retry, discard. */
@Path("/v1/products/dead-letters")
@Tag(name = "catalog")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private final DeadLetterQueue deadLetters;

    public DeadLetterResource(DeadLetterQueue deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Operation(
            summary = "Dead letters",
            description = "Changes whose delivery to Milvus and the graph failed "
                    + "magpie.retrieval.indexing.max-attempts times, longest dead first, with the last error.")
    public Uni<List<DeadLetter>> list() {
        return deadLetters.list();
    }

    @POST
    @Path("/{id}/retry")
    @Operation(
            summary = "Put a dead letter back into the queue",
            description = "With fresh attempts; 404 when " + "the product has no dead letter.")
    public Uni<Void> retry(@PathParam("id") String id) {
        return deadLetters.retry(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            summary = "Discard a dead letter",
            description = "Milvus and the graph keep what they had for the "
                    + "product; its next change is delivered as usual. 404 when the product has no dead letter.")
    public Uni<Void> discard(@PathParam("id") String id) {
        return deadLetters.discard(id);
    }
}
