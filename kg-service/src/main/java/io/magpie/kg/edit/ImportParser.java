package io.magpie.kg.edit;

import io.magpie.api.graph.admin.GraphImport;
import io.magpie.api.graph.admin.NodeInput;
import io.magpie.api.graph.admin.RelationInput;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads bulk imports into checked lines. JSON: {@link GraphImport}. CSV (RFC 4180, header first): a header with
 * {@code ref} makes a file of nodes, one with {@code type,from,to} a file of relations; every other column is a
 * property, an empty cell sets nothing, and cells reading as {@code true}/{@code false}, whole numbers or decimals
 * become booleans and numbers.
 */
public final class ImportParser {

    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+([eE][-+]?\\d+)?");

    private ImportParser() {}

    public static List<ImportLine> fromJson(GraphImport body) {
        if (body == null) {
            throw ProblemException.badRequest("the import needs a body: {\"nodes\": [...], \"relations\": [...]}");
        }
        List<ImportLine> lines = new ArrayList<>();
        long line = 0;
        for (NodeInput node : body.nodes() == null ? List.<NodeInput>of() : body.nodes()) {
            line++;
            lines.add(
                    node == null
                            ? ImportLine.invalid(line, null, "is null")
                            : node(line, node.ref(), node.properties()));
        }
        for (RelationInput relation : body.relations() == null ? List.<RelationInput>of() : body.relations()) {
            line++;
            lines.add(
                    relation == null
                            ? ImportLine.invalid(line, null, "is null")
                            : relation(line, relation.type(), relation.from(), relation.to(), relation.properties()));
        }
        return lines;
    }

    public static List<ImportLine> fromCsv(String text) {
        List<List<String>> rows = Csv.parse(text == null ? "" : text);
        if (rows.isEmpty()) {
            throw ProblemException.invalidField("header", "the CSV is empty; its first line names the columns");
        }
        List<String> header = rows.get(0).stream().map(String::strip).toList();
        boolean nodes = header.contains("ref");
        boolean relations = header.containsAll(List.of("type", "from", "to"));
        if (nodes == relations) {
            throw ProblemException.invalidField(
                    "header",
                    "a CSV import has either a 'ref' column (nodes) or "
                            + "'type', 'from' and 'to' columns (relations); this header has " + header);
        }
        List<ImportLine> lines = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            long line = i + 1;
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue; // a trailing or blank line
            }
            if (row.size() != header.size()) {
                lines.add(ImportLine.invalid(
                        line, null, "has " + row.size() + " cells; the header has " + header.size()));
                continue;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                cells.put(header.get(c), row.get(c));
            }
            lines.add(
                    nodes
                            ? node(line, cells.remove("ref"), typed(cells))
                            : relation(
                                    line,
                                    cells.remove("type"),
                                    cells.remove("from"),
                                    cells.remove("to"),
                                    typed(cells)));
        }
        return lines;
    }

    private static ImportLine node(long line, String ref, Map<String, Object> input) {
        FieldErrors problems = new FieldErrors();
        NodeRef node = problems.check("ref", () -> NodeRef.parse(ref));
        Map<String, Object> properties = EditValidation.nodeProperties(node, input, "properties", problems);
        String entity = node == null ? ref : node.toString();
        return problems.errors().isEmpty()
                ? new ImportLine(line, node, entity, properties, null)
                : ImportLine.invalid(line, entity, describe(problems));
    }

    private static ImportLine relation(long line, String type, String from, String to, Map<String, Object> input) {
        String entity = "(" + from + ")-[" + type + "]->(" + to + ")";
        RelationRef relation;
        try {
            relation = RelationRef.of(type, from, to);
        } catch (ProblemException e) {
            return ImportLine.invalid(line, entity, e.getMessage());
        }
        FieldErrors problems = new FieldErrors();
        Map<String, Object> properties = EditValidation.relationProperties(relation, input, "properties", problems);
        return problems.errors().isEmpty()
                ? new ImportLine(line, relation, relation.toString(), properties, null)
                : ImportLine.invalid(line, relation.toString(), describe(problems));
    }

    private static Map<String, Object> typed(Map<String, String> cells) {
        Map<String, Object> properties = new LinkedHashMap<>();
        cells.forEach((name, cell) -> {
            if (cell.isEmpty()) {
                return;
            }
            if (cell.equals("true") || cell.equals("false")) {
                properties.put(name, Boolean.valueOf(cell));
            } else if (WHOLE.matcher(cell).matches()) {
                properties.put(name, Long.valueOf(cell));
            } else if (DECIMAL.matcher(cell).matches()) {
                properties.put(name, Double.valueOf(cell));
            } else {
                properties.put(name, cell);
            }
        });
        return properties;
    }

    private static String describe(FieldErrors problems) {
        return problems.errors().stream()
                .map(e -> e.field() + ": " + e.message())
                .collect(Collectors.joining("; "));
    }
}
