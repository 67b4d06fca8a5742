package io.magpie.api.fusion;

import io.magpie.api.retrieval.CandidateList;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** fusion-service's decayed popularity from behaviour events, as a candidate source. */
@RegisterRestClient(configKey = "fusion")
@Path("/v1/candidates/popular")
public interface PopularityClient {

    /** The most popular products lately, best first; within a category path prefix when one is given. */
    @GET
    Uni<CandidateList> popular(@QueryParam("category") String category, @QueryParam("size") Integer size);
}
