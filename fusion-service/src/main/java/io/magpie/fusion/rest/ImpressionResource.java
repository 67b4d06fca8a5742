package io.magpie.fusion.rest;

import io.magpie.api.impressions.ImpressionBatch;
import io.magpie.api.impressions.ImpressionBatchResult;
import io.magpie.fusion.impressions.ImpressionIngest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Served lists (impressions) from the gateway; internal: the service credential, like every route here. */
@Path("/v1/impressions")
@Tag(name = "impressions", description = "Served search and recommendation lists (docs/adr/0030)")
public class ImpressionResource {

    private final ImpressionIngest ingest;

    public ImpressionResource(ImpressionIngest ingest) {
        this.ingest = ingest;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Store a batch of served lists",
            description = "{\"lists\": [...]}: per list its request id and page, when and where it was served, the "
                    + "query or shopper, the strategy and model version, and the items in order with the sources "
                    + "that proposed each. A list whose request id and page were stored before is a duplicate and "
                    + "left as it was, so a retried batch is stored once. One invalid list is a 400 naming every "
                    + "field at fault and nothing is stored; more than max-batch-size lists is a 413.")
    public Uni<ImpressionBatchResult> record(ImpressionBatch batch) {
        return ingest.ingest(batch);
    }
}
