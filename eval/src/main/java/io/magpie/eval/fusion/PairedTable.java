package io.magpie.eval.fusion;

import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.search.SearchReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NDCG@10 of several learned rows side by side, each paired with the same reference rows over the same queries
 * (difference per query, paired-bootstrap interval, wins and losses): the variants of fusion-eval, the label
 * sources of fusion-clicks.
 *
 * @param rows one per learned row: its name, mean with interval, and the comparisons by reference name
 */
record PairedTable(List<Row> rows, List<String> references) {

    record Row(String name, Bootstrap.Estimate ndcg, Map<String, Bootstrap.Comparison> against) {}

    private static final String METRIC = "NDCG@10";

    static PairedTable of(
            List<SearchReport.StrategyResult> learned,
            List<SearchReport.StrategyResult> references,
            List<String> queries,
            Bootstrap bootstrap) {
        List<Row> rows = new ArrayList<>();
        for (SearchReport.StrategyResult row : learned) {
            Map<String, Bootstrap.Comparison> against = new LinkedHashMap<>();
            for (SearchReport.StrategyResult reference : references) {
                if (reference != row) {
                    against.put(
                            reference.name(),
                            bootstrap.paired(
                                    queries,
                                    FoldedTraining.values(row.queries(), METRIC),
                                    FoldedTraining.values(reference.queries(), METRIC),
                                    0));
                }
            }
            rows.add(new Row(row.name(), row.means().get(METRIC), against));
        }
        return new PairedTable(
                rows, references.stream().map(SearchReport.StrategyResult::name).toList());
    }

    /** A markdown table: a row per learned row, a column per reference (difference [interval], wins / losses). */
    String markdown() {
        StringBuilder md = new StringBuilder("|model|NDCG@10 [95% CI]|");
        references.forEach(r -> md.append("vs ").append(r).append("|"));
        md.append("\n|---|---:|");
        references.forEach(r -> md.append("---:|"));
        md.append('\n');
        for (Row row : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "|%s|%.4f [%.4f, %.4f]|",
                    row.name(),
                    row.ndcg().mean(),
                    row.ndcg().lower(),
                    row.ndcg().upper()));
            for (String reference : references) {
                Bootstrap.Comparison c = row.against().get(reference);
                md.append(
                                c == null
                                        ? "-"
                                        : String.format(
                                                Locale.ROOT,
                                                "%+.4f [%+.4f, %+.4f] (%d / %d)",
                                                c.difference().mean(),
                                                c.difference().lower(),
                                                c.difference().upper(),
                                                c.wins(),
                                                c.losses()))
                        .append('|');
            }
            md.append('\n');
        }
        return md.toString();
    }
}
