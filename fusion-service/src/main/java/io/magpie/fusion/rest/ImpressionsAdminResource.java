package io.magpie.fusion.rest;

import io.magpie.api.impressions.ImpressionLine;
import io.magpie.api.security.AdminOnly;
import io.magpie.fusion.impressions.ImpressionExport;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The impressions export: served items joined to what shoppers did with them (admin). */
@Path("/v1/admin/impressions")
@Tag(name = "impressions")
public class ImpressionsAdminResource {

    private final ImpressionExport export;

    public ImpressionsAdminResource(ImpressionExport export) {
        this.export = export;
    }

    @GET
    @Produces("application/x-ndjson")
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @AdminOnly
    @Operation(
            summary = "Served items with their clicks, add-to-carts and purchases (NDJSON)",
            description = "One line per item of every list served in [from, to) (of one surface when given), in the "
                    + "order served: request id, page, position, product, the sources that proposed it, and "
                    + "whether a click, add_to_cart or purchase event carrying the list's request id names the "
                    + "product. Streamed; the window may span at most magpie.fusion.impressions.export-max-range. A "
                    + "bad parameter is a 400 naming it.")
    public Multi<ImpressionLine> export(
            @Parameter(description = "start, inclusive, ISO-8601 with an offset") @QueryParam("from") String from,
            @Parameter(description = "end, exclusive, ISO-8601 with an offset") @QueryParam("to") String to,
            @Parameter(description = "search, browse, recommendations or similar; default all") @QueryParam("surface")
                    String surface) {
        return export.export(from, to, surface);
    }
}
