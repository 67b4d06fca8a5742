package io.magpie.kg.rest;

import io.magpie.api.graph.admin.AuditEntry;
import io.magpie.api.graph.admin.AuditPage;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.problem.QueryParameters;
import io.magpie.api.security.AdminActor;
import io.magpie.api.security.AdminOnly;
import io.magpie.kg.config.GraphAdminConfig;
import io.magpie.kg.edit.Actor;
import io.magpie.kg.edit.AuditFilter;
import io.magpie.kg.edit.AuditLog;
import io.magpie.kg.edit.GraphEditService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log of graph edits: list and filter it, read an entry, undo the edit an entry records. */
@Path("/v1/admin/graph/audit")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Graph audit log", description = "Who changed what in the graph, and undo (admin keys)")
public class AuditResource {

    static final Set<String> OPERATIONS = Set.of(
            "create_node", "update_node", "delete_node", "create_relation", "update_relation", "delete_relation");

    /** Deepest row a page may start at: further is a query nobody pages to, and int overflow beyond. */
    static final long MAX_OFFSET = 1_000_000;

    private final AuditLog auditLog;
    private final GraphEditService edits;
    private final int maxPageSize;

    public AuditResource(AuditLog auditLog, GraphEditService edits, GraphAdminConfig config) {
        this.auditLog = auditLog;
        this.edits = edits;
        this.maxPageSize = config.auditMaxPageSize();
    }

    @GET
    @Operation(
            summary = "List audit entries, newest first",
            description = "Filters combine: entity (a node ref finds its own edits and those of its relations), "
                    + "actor, operation, from (inclusive) and to (exclusive) as ISO-8601 instants; paged.")
    @APIResponse(responseCode = "200", description = "One page of entries")
    @APIResponse(responseCode = "400", description = "A filter or paging parameter is invalid; the problem names it")
    public Uni<AuditPage> list(
            @QueryParam("entity") String entity,
            @QueryParam("actor") String actor,
            @QueryParam("operation") String operation,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") String pageParam,
            @QueryParam("size") String sizeParam) {
        FieldErrors errors = new FieldErrors();
        Integer page = collected(errors, () -> QueryParameters.integer("page", pageParam, 0, 0, Integer.MAX_VALUE));
        Integer size = collected(errors, () -> QueryParameters.integer("size", sizeParam, 50, 1, maxPageSize));
        if (operation != null && !OPERATIONS.contains(operation)) {
            errors.add(new Problem.FieldError(
                    "operation",
                    "unknown operation '" + operation + "'; known: "
                            + OPERATIONS.stream().sorted().toList()));
        }
        Instant fromInstant = instant("from", from, errors);
        Instant toInstant = instant("to", to, errors);
        if (page != null && size != null && (long) page * size > MAX_OFFSET) {
            // page * size is the offset: past this it overflowed into a negative offset and a 500
            errors.add("page", "must be at most " + MAX_OFFSET / size + " with size " + size);
        }
        errors.throwIfAny();
        return auditLog.page(new AuditFilter(
                blankToNull(entity), blankToNull(actor), operation, fromInstant, toInstant, page, size));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one audit entry")
    @APIResponse(responseCode = "404", description = "No such entry")
    public Uni<AuditEntry> entry(@PathParam("id") String id) {
        return auditLog.entry(entryId(id));
    }

    @POST
    @Path("/{id}/undo")
    @Operation(
            summary = "Undo the edit of an entry",
            description = "Applies the inverse edit (itself audited, with undoOf) when the entity is still as that "
                    + "edit left it; 409 otherwise. Undoing an undo redoes the edit.")
    @APIResponse(responseCode = "200", description = "The audit entry of the undo")
    @APIResponse(responseCode = "404", description = "No such entry")
    @APIResponse(responseCode = "409", description = "The entity changed since that edit")
    public Uni<AuditEntry> undo(
            @PathParam("id") String id, @Parameter(hidden = true) @HeaderParam(AdminActor.HEADER) String actor) {
        return edits.undo(entryId(id), Actor.of(actor));
    }

    /** The parsed value, or null after adding its problem to the others, so one answer names every bad parameter. */
    private static Integer collected(FieldErrors errors, java.util.function.Supplier<Integer> parse) {
        try {
            return parse.get();
        } catch (ProblemException e) {
            e.errors().forEach(errors::add);
            return null;
        }
    }

    /** A non-numeric id is a bad request naming the parameter, not a 404 of a path that does exist. */
    private static long entryId(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("id", "must be a whole number, got '" + raw + "'");
        }
    }

    private static Instant instant(String field, String value, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(field, "'" + value + "' is not an ISO-8601 instant like " + "2026-01-31T12:00:00Z");
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
