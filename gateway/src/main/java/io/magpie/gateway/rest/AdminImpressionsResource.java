package io.magpie.gateway.rest;

import io.magpie.gateway.client.ServiceRelay;
import io.magpie.gateway.client.ServiceRelay.Target;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The impressions export (docs/adr/0030), relayed to fusion-service with the caller's admin key (fusion-service
 * checks it again); guarded here by {@link io.magpie.gateway.security.KeyScopeFilter}.
 */
@Path("/api/v1/admin/impressions")
public class AdminImpressionsResource {

    private final ServiceRelay relay;

    public AdminImpressionsResource(ServiceRelay relay) {
        this.relay = relay;
    }

    @GET
    @Operation(
            summary = "Served items joined to clicks, add-to-carts and purchases (NDJSON)",
            description = "One line per item of every search and recommendation list served in [from, to): request "
                    + "id, page, position, product, the sources that proposed it, and whether an event carrying the "
                    + "list's request id clicked, added to cart or bought it. The training input of click models "
                    + "and inverse-propensity weighting. The window spans at most 31 days (fusion-service's "
                    + "magpie.fusion.impressions.export-max-range); a bad parameter is a 400 naming it.")
    public Uni<Response> export(
            @Parameter(description = "start, inclusive, ISO-8601 with an offset (2026-12-01T00:00:00Z)")
                    @QueryParam("from")
                    String from,
            @Parameter(description = "end, exclusive, ISO-8601 with an offset") @QueryParam("to") String to,
            @Parameter(description = "search, browse, recommendations or similar; default all") @QueryParam("surface")
                    String surface,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        // the parameters travel in the query string as they came; fusion-service checks them
        return relay.relay(Target.FUSION, "GET", uri, headers, null);
    }
}
