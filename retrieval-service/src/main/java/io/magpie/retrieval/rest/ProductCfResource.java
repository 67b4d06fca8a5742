package io.magpie.retrieval.rest;

import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.ItemVector;
import io.magpie.api.retrieval.ItemVectorActivation;
import io.magpie.api.retrieval.ItemVectorBatch;
import io.magpie.api.retrieval.ItemVectorVersion;
import io.magpie.api.retrieval.ItemVectorWriteResult;
import io.magpie.api.security.AdminOnly;
import io.magpie.retrieval.service.ProductIdCheck;
import io.magpie.retrieval.store.ProductCfCollection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Bulk writes of collaborative item vectors, by whoever trains them (fusion-service). */
@Path("/v1/admin/product-cf")
@Tag(name = "admin")
@AdminOnly
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ProductCfResource {

    private final ProductCfCollection itemVectors;
    private final ProductIdCheck idCheck;

    public ProductCfResource(ProductCfCollection itemVectors, ProductIdCheck idCheck) {
        this.itemVectors = itemVectors;
        this.idCheck = idCheck;
    }

    @POST
    @Operation(
            summary = "Insert or replace item vectors",
            description = "All vectors of a version have one dimension: the configured one, or else that of the first"
                    + " write. With a version they are written aside and served once it is activated.")
    public Uni<ItemVectorWriteResult> write(@Valid @NotNull ItemVectorBatch batch) {
        List<ItemVector> items = batch.items();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            idCheck.requireValid("items[" + i + "].id", items.get(i).id());
            if (!seen.add(items.get(i).id())) {
                throw ProblemException.invalidField(
                        "items[" + i + "].id", "repeats id '" + items.get(i).id() + "'");
            }
        }
        return Uni.createFrom()
                .item(() -> new ItemVectorWriteResult(items.size(), itemVectors.write(batch.version(), items)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(e -> !(e instanceof ProblemException))
                .transform(ProductCfResource::unavailable);
    }

    @PUT
    @Path("/active")
    @Operation(
            summary = "Serve a version of the item vectors",
            description = "Every reader switches at once; the version served before is kept until the next"
                    + " activation, older ones are dropped.")
    public Uni<ItemVectorActivation> activate(@Valid @NotNull ItemVectorVersion version) {
        return Uni.createFrom()
                .item(() -> itemVectors.activate(version.version()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(e -> !(e instanceof ProblemException))
                .transform(ProductCfResource::unavailable);
    }

    private static ProblemException unavailable(Throwable e) {
        return new ProblemException(
                503, "Dependency unavailable", "the item vector index (Milvus) failed: " + e.getMessage());
    }
}
