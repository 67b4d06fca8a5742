package io.magpie.kg.edit;

import io.magpie.api.graph.admin.ImportReport;
import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.kg.config.GraphAdminConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.neo4j.driver.async.AsyncTransaction;

/**
 * Bulk import of nodes and relations: every line is checked and applied in order inside one Neo4j transaction
 * (so relations may link nodes created by earlier lines), then either all of it commits with one audit entry per
 * changed line, or, on a dry run or when any line is in error, all of it rolls back. Given properties are merged
 * into what an existing entity holds; an import never deletes.
 */
@ApplicationScoped
public class GraphImportService {

    private final GraphEditStore store;
    private final EditTransactions transactions;
    private final int maxLines;
    private final java.time.Duration timeout;

    public GraphImportService(GraphEditStore store, EditTransactions transactions, GraphAdminConfig config) {
        this.store = store;
        this.transactions = transactions;
        this.maxLines = config.importMaxLines();
        this.timeout = config.importTimeout();
    }

    /** What one line did or would do, and the change to audit (null when none). */
    private record Applied(ImportReport.ImportLine report, Change change) {}

    /**
     * @return the report; with {@code dryRun} nothing is written
     * @throws ProblemException 400 for an empty or oversized import; 422 naming every bad line when not a dry run
     */
    public Uni<ImportReport> importLines(List<ImportLine> lines, boolean dryRun, String actor) {
        if (lines.isEmpty()) {
            throw ProblemException.badRequest("the import holds no lines");
        }
        if (lines.size() > maxLines) {
            throw ProblemException.invalidField(
                    "lines",
                    lines.size() + " lines is more than one import may hold (" + maxLines
                            + ", magpie.kg.admin.import-max-lines); split it");
        }
        return transactions
                .run(
                        tx -> Multi.createFrom()
                                .iterable(lines)
                                .onItem()
                                .transformToUniAndConcatenate(line -> apply(tx, line))
                                .collect()
                                .asList()
                                .map(applied -> plan(applied, dryRun)),
                        actor,
                        null,
                        timeout)
                .map(outcome -> {
                    ImportReport report = outcome.value();
                    if (!dryRun && report.errors() > 0) {
                        List<Problem.FieldError> errors = report.lines().stream()
                                .filter(line -> line.outcome().equals("error"))
                                .map(line -> new Problem.FieldError(
                                        line.entity() == null ? "line" : line.entity(), line.message(), line.line()))
                                .toList();
                        throw new ProblemException(
                                422,
                                "Import refused",
                                report.errors() + " of "
                                        + report.lines().size()
                                        + " lines are invalid, so nothing was written; first: line "
                                        + errors.get(0).line() + ": "
                                        + errors.get(0).message(),
                                errors);
                    }
                    return report;
                });
    }

    private static EditTransactions.Plan<ImportReport> plan(List<Applied> applied, boolean dryRun) {
        List<ImportReport.ImportLine> lines =
                applied.stream().map(Applied::report).toList();
        int errors = count(lines, "error");
        ImportReport report = new ImportReport(
                dryRun || errors > 0,
                count(lines, "created"),
                count(lines, "updated"),
                count(lines, "unchanged"),
                errors,
                lines);
        List<Change> changes =
                applied.stream().map(Applied::change).filter(Objects::nonNull).toList();
        return new EditTransactions.Plan<>(report, changes, !dryRun && errors == 0);
    }

    private Uni<Applied> apply(AsyncTransaction tx, ImportLine line) {
        if (line.error() != null) {
            return Uni.createFrom().item(error(line, line.error()));
        }
        EntityRef ref = line.ref();
        return store.lockAndRead(tx, ref).chain(current -> {
            if (current == null) {
                return create(tx, line);
            }
            Map<String, Object> merged = new TreeMap<>(current.properties());
            merged.putAll(line.properties());
            EntityState target = new EntityState(merged, current.version() + 1);
            if (target.sameProperties(current)) {
                return Uni.createFrom().item(new Applied(report(line, "unchanged", null), null));
            }
            String changed = line.properties().keySet().stream()
                    .filter(name -> !Objects.equals(
                            current.properties().get(name), target.properties().get(name)))
                    .collect(Collectors.joining(", "));
            return store.write(tx, ref, target)
                    .replaceWith(
                            new Applied(report(line, "updated", "sets " + changed), new Change(ref, current, target)));
        });
    }

    private Uni<Applied> create(AsyncTransaction tx, ImportLine line) {
        EntityRef ref = line.ref();
        return problemCreating(tx, ref).chain(problem -> {
            if (problem != null) {
                return Uni.createFrom().item(error(line, problem));
            }
            Map<String, Object> properties =
                    ref instanceof NodeRef node ? EditValidation.withKey(node, line.properties()) : line.properties();
            EntityState target = new EntityState(properties, 1);
            return store.write(tx, ref, target)
                    .replaceWith(new Applied(report(line, "created", null), new Change(ref, null, target)));
        });
    }

    /** Why a new relation cannot be created (a missing end, a symmetric one the other way round), or null. */
    private Uni<String> problemCreating(AsyncTransaction tx, EntityRef ref) {
        if (!(ref instanceof RelationRef relation)) {
            return Uni.createFrom().nullItem();
        }
        return store.missingEnds(tx, relation).chain(ends -> {
            if (!ends.isEmpty()) {
                return Uni.createFrom()
                        .item("no node " + String.join(" and no node ", ends)
                                + " (neither in the graph nor earlier in this import)");
            }
            return store.reverseExists(tx, relation)
                    .map(reverse -> reverse
                            ? relation.type()
                                    + " is stored once per pair, and (" + relation.to() + ")-[" + relation.type()
                                    + "]->("
                                    + relation.from() + ") exists already"
                            : null);
        });
    }

    private static Applied error(ImportLine line, String message) {
        return new Applied(report(line, "error", message), null);
    }

    private static ImportReport.ImportLine report(ImportLine line, String outcome, String message) {
        return new ImportReport.ImportLine(line.line(), line.entity(), outcome, message);
    }

    private static int count(List<ImportReport.ImportLine> lines, String outcome) {
        return (int)
                lines.stream().filter(line -> line.outcome().equals(outcome)).count();
    }
}
