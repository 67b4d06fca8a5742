package io.magpie.kg.rest;

import io.magpie.api.graph.admin.GraphImport;
import io.magpie.api.graph.admin.ImportReport;
import io.magpie.api.problem.QueryParameters;
import io.magpie.api.security.AdminActor;
import io.magpie.api.security.AdminOnly;
import io.magpie.kg.edit.Actor;
import io.magpie.kg.edit.GraphImportService;
import io.magpie.kg.edit.ImportParser;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Bulk import of nodes and relations, as JSON or CSV, with a dry run. */
@Path("/v1/admin/graph/import")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Graph administration")
public class GraphImportResource {

    static final String DESCRIPTION = "Every line is validated and applied in order in one transaction: all lines "
            + "are written (one audit entry per changed line) or none. Existing entities get the given properties "
            + "merged in. dryRun=true reports created/updated/unchanged/error per line and writes nothing; without "
            + "it, any invalid line refuses the whole import with 422 naming each bad line.";

    private final GraphImportService imports;

    public GraphImportResource(GraphImportService imports) {
        this.imports = imports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Import nodes and relations as JSON: {nodes: [{ref, properties}], relations: [{type, "
                    + "from, to, properties}]}",
            description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The report of what changed (or would change)")
    @APIResponse(responseCode = "422", description = "Invalid lines; nothing was written")
    public Uni<ImportReport> importJson(
            GraphImport body,
            @QueryParam("dryRun") String dryRun,
            @Parameter(hidden = true) @HeaderParam(AdminActor.HEADER) String actor) {
        return imports.importLines(ImportParser.fromJson(body), dryRun(dryRun), Actor.of(actor));
    }

    @POST
    @Consumes("text/csv")
    @Operation(
            summary = "Import nodes (header with 'ref') or relations (header with 'type,from,to') as CSV; "
                    + "other columns are properties",
            description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The report of what changed (or would change)")
    @APIResponse(responseCode = "422", description = "Invalid lines; nothing was written")
    public Uni<ImportReport> importCsv(
            String csv,
            @QueryParam("dryRun") String dryRun,
            @Parameter(hidden = true) @HeaderParam(AdminActor.HEADER) String actor) {
        return imports.importLines(ImportParser.fromCsv(csv), dryRun(dryRun), Actor.of(actor));
    }

    /** Strict: {@code dryRun=1} must not become a real import. */
    private static boolean dryRun(String raw) {
        return QueryParameters.bool("dryRun", raw, false);
    }
}
