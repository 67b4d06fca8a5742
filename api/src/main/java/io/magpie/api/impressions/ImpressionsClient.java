package io.magpie.api.impressions;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** fusion-service's impressions log as the gateway writes it (service credential). */
@RegisterRestClient(configKey = "fusion")
@Path("/v1/impressions")
public interface ImpressionsClient {

    /** Stores the lists whose request id and page were never stored; answers once they are committed. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ImpressionBatchResult> record(ImpressionBatch batch);
}
