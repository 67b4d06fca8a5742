package io.magpie.eval.search;

import io.magpie.eval.metrics.Bootstrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The search evaluation as a plain-text table for the terminal. */
public final class TextReport {

    private TextReport() {}

    public static String render(SearchReport report) {
        List<String> metrics = report.protocol().metrics();
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("strategy", "sources", "fusion"));
        metrics.forEach(
                m -> header.add(m + " [" + Numbers.percent(report.protocol().confidence()) + " CI]"));
        header.add("failed");
        header.add("degraded");
        rows.add(header);
        List<String> unavailable = new ArrayList<>();
        for (SearchReport.StrategyResult s : report.strategies()) {
            if (!s.available()) {
                unavailable.add(s.name() + ": unavailable (" + s.unavailableReason() + ")");
                continue;
            }
            List<String> row = new ArrayList<>(List.of(s.name(), s.sources(), s.fusion() == null ? "-" : s.fusion()));
            metrics.forEach(m -> row.add(Numbers.withInterval(s.means().get(m))));
            row.add(Integer.toString(s.failedQueries()));
            row.add(Integer.toString(s.degradedQueries()));
            rows.add(row);
        }
        StringBuilder out = new StringBuilder();
        out.append(table(rows));
        unavailable.forEach(line -> out.append(line).append('\n'));
        SearchReport.Comparison c = report.comparison();
        if (c != null) {
            out.append('\n').append(comparisonLines(c));
        }
        return out.toString();
    }

    static String comparisonLines(SearchReport.Comparison c) {
        StringBuilder out = new StringBuilder();
        out.append(c.a()).append(" vs ").append(c.b());
        if (c.note() != null) {
            return out.append(": no comparison, ").append(c.note()).append('\n').toString();
        }
        out.append(" (paired, per query ")
                .append(c.a())
                .append(" - ")
                .append(c.b())
                .append("):\n");
        for (Map.Entry<String, Bootstrap.Comparison> e : c.metrics().entrySet()) {
            Bootstrap.Comparison m = e.getValue();
            out.append("  ")
                    .append(e.getKey())
                    .append(": ")
                    .append(Numbers.signedWithInterval(m.difference()))
                    .append("; ")
                    .append(c.a())
                    .append(" better on ")
                    .append(m.wins())
                    .append(", worse on ")
                    .append(m.losses())
                    .append(", equal on ")
                    .append(m.ties())
                    .append(" queries\n");
        }
        return out.toString();
    }

    private static String table(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(String.format("%-" + widths[i] + "s", row.get(i)));
                if (i < columns - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
