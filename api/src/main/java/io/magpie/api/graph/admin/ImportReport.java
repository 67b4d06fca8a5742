package io.magpie.api.graph.admin;

import java.util.List;

/**
 * What a bulk import changed, or with {@code dryRun} would change.
 *
 * @param dryRun    true when nothing was written
 * @param created   lines that create a node or relation
 * @param updated   lines that change properties of an existing one
 * @param unchanged lines that match what the graph holds already
 * @param errors    invalid lines; an import with errors writes nothing
 * @param lines     one entry per input line, in input order
 */
public record ImportReport(
        boolean dryRun, int created, int updated, int unchanged, int errors, List<ImportLine> lines) {

    /**
     * One line of an import.
     *
     * @param line    CSV: the line number in the file (header = 1); JSON: nodes first, then relations, from 1
     * @param entity  the node reference or {@code (from)-[TYPE]->(to)}, as far as the line could be read
     * @param outcome {@code created}, {@code updated}, {@code unchanged} or {@code error}
     * @param message what is wrong (errors) or what changes (updates); may be null
     */
    public record ImportLine(long line, String entity, String outcome, String message) {}
}
