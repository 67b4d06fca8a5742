package io.magpie.eval.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.eval.bench.BenchReport;
import io.magpie.eval.bench.BenchReport.Column;
import io.magpie.eval.bench.BenchReport.Table;
import io.magpie.eval.cli.BootstrapOptions;
import io.magpie.eval.cli.ReportOptions;
import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.run.BenchEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Compares {@code search-eval} runs made on different set-ups of the platform (a dense encoder, a setting) over the
 * same queries: for each strategy, every run's means with their intervals and its paired difference per query
 * against the first run. The runs are read from their JSON reports, so each set-up is measured once, through the
 * gateway, and compared afterwards.
 */
@Command(
        name = "search-compare",
        mixinStandardHelpOptions = true,
        description = "Compare search-eval reports of different set-ups over the same queries: means with 95%% "
                + "intervals and paired differences against the first run, per strategy.")
public class SearchCompareCommand implements Callable<Integer> {

    private static final List<String> METRICS = List.of("NDCG@10", "Recall@100", "MRR");

    @Spec
    CommandSpec spec;

    @Option(
            names = "--run",
            required = true,
            description = "LABEL=FILE: a search-eval JSON report and what set-up it measured; the first is the "
                    + "baseline (at least two)")
    List<String> runs;

    @Option(
            names = "--strategies",
            split = ",",
            description = "strategies to compare (default: every strategy measured in all runs)")
    List<String> strategies;

    @Option(names = "--title", defaultValue = "Search quality by set-up", description = "the report's title")
    String title;

    @Option(names = "--note", description = "a paragraph added to the report (how the runs were made, costs)")
    List<String> notes = new ArrayList<>();

    @Mixin
    BootstrapOptions intervals;

    @Mixin
    ReportOptions output = new ReportOptions("docs/eval", "search-compare");

    /** One strategy's per-query scores in one run, in query order. */
    record Scores(List<String> queries, Map<String, double[]> byMetric) {}

    @Override
    public Integer call() throws Exception {
        if (runs.size() < 2 || intervals.resamples() < 100) {
            throw new ParameterException(spec.commandLine(), "give at least two --run LABEL=FILE, --resamples >= 100");
        }
        Map<String, Map<String, Scores>> byRun = new LinkedHashMap<>();
        for (String run : runs) {
            int eq = run.indexOf('=');
            if (eq < 1 || eq == run.length() - 1) {
                throw new ParameterException(spec.commandLine(), "--run takes LABEL=FILE, was '" + run + "'");
            }
            String label = run.substring(0, eq).strip();
            if (byRun.put(label, read(Path.of(run.substring(eq + 1)))) != null) {
                throw new ParameterException(spec.commandLine(), "--run label '" + label + "' given twice");
            }
        }
        List<String> labels = List.copyOf(byRun.keySet());
        List<String> compared = strategies != null && !strategies.isEmpty()
                ? strategies.stream().map(String::strip).toList()
                : byRun.get(labels.get(0)).keySet().stream()
                        .filter(s -> byRun.values().stream().allMatch(r -> r.containsKey(s)))
                        .toList();
        if (compared.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no strategy was measured in every run");
        }
        Bootstrap bootstrap = intervals.bootstrap();
        BenchReport report = new BenchReport(
                output.name(),
                title,
                "`magpie-eval search-eval` reports of " + labels.size() + " set-ups, compared query by query: each "
                        + "run's means with percentile-bootstrap 95% intervals over queries, and its paired "
                        + "difference against `" + labels.get(0) + "` (the mean of the per-query differences, with "
                        + "a paired-bootstrap interval; better / worse / equal count queries).",
                BenchEnvironment.capture());
        report.commandLine("search-compare", spec.commandLine().getParseResult().originalArgs());
        report.parameter("baseline", labels.get(0))
                .parameter("runs", runs)
                .parameter("resamples", intervals.resamples())
                .parameter("seed", intervals.seed());
        for (String strategy : compared) {
            report.table(table(strategy, labels, byRun, bootstrap));
        }
        notes.forEach(report::note);
        System.out.println(report.markdown());
        System.out.println("reports: " + report.write(output.folder()));
        return 0;
    }

    private Table table(
            String strategy, List<String> labels, Map<String, Map<String, Scores>> byRun, Bootstrap bootstrap) {
        Scores baseline = scores(byRun, labels.get(0), strategy);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String label : labels) {
            Scores run = scores(byRun, label, strategy);
            if (!run.queries().equals(baseline.queries())) {
                throw new ParameterException(
                        spec.commandLine(),
                        "run '" + label + "' scored other queries than '" + labels.get(0) + "' for " + strategy
                                + ": a paired comparison needs the same queries in the same order");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run", label);
            for (String metric : METRICS) {
                Bootstrap.Estimate mean = bootstrap.mean(run.byMetric().get(metric));
                putEstimate(row, metric, mean, "%.4f");
                if (!label.equals(labels.get(0))) {
                    Bootstrap.Comparison paired = bootstrap.paired(
                            run.queries(),
                            run.byMetric().get(metric),
                            baseline.byMetric().get(metric),
                            0);
                    putEstimate(row, "delta " + metric, paired.difference(), "%+.4f");
                    row.put(
                            "better/worse/equal " + metric,
                            paired.wins() + " / " + paired.losses() + " / " + paired.ties());
                }
            }
            rows.add(row);
        }
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("run", "set-up", null));
        for (String metric : METRICS) {
            columns.add(new Column(metric, metric + " [95% CI]", null));
        }
        for (String metric : List.of("NDCG@10", "Recall@100")) {
            columns.add(new Column("delta " + metric, "Δ " + metric + " vs " + labels.get(0) + " [95% CI]", null));
            columns.add(new Column("better/worse/equal " + metric, "better / worse / equal", null));
        }
        return new Table("Strategy " + strategy, columns, rows);
    }

    /** The numbers for the JSON, and under {@code key} the text the Markdown shows: "mean [lower, upper]". */
    private static void putEstimate(Map<String, Object> row, String key, Bootstrap.Estimate estimate, String format) {
        row.put(key + " mean", estimate.mean());
        row.put(key + " lower", estimate.lower());
        row.put(key + " upper", estimate.upper());
        row.put(
                key,
                String.format(
                        Locale.ROOT,
                        format + " [" + format + ", " + format + "]",
                        estimate.mean(),
                        estimate.lower(),
                        estimate.upper()));
    }

    private Scores scores(Map<String, Map<String, Scores>> byRun, String label, String strategy) {
        Scores scores = byRun.get(label).get(strategy);
        if (scores == null) {
            throw new ParameterException(
                    spec.commandLine(), "run '" + label + "' has no measured strategy '" + strategy + "'");
        }
        return scores;
    }

    /** The measured strategies of one search-eval JSON report. */
    static Map<String, Scores> read(Path file) throws IOException {
        JsonNode report = new ObjectMapper().readTree(file.toFile());
        Map<String, Scores> strategies = new LinkedHashMap<>();
        for (JsonNode strategy : report.path("strategies")) {
            if (!strategy.path("available").asBoolean()) {
                continue;
            }
            List<String> queries = new ArrayList<>();
            Map<String, double[]> byMetric = new LinkedHashMap<>();
            JsonNode results = strategy.path("queries");
            for (String metric : METRICS) {
                byMetric.put(metric, new double[results.size()]);
            }
            for (int i = 0; i < results.size(); i++) {
                JsonNode result = results.get(i);
                queries.add(result.path("query").asText());
                for (String metric : METRICS) {
                    JsonNode value = result.path("scores").path(metric);
                    if (!value.isNumber()) {
                        throw new IOException(
                                file + ": query '" + result.path("query").asText() + "' of "
                                        + strategy.path("name").asText() + " has no " + metric);
                    }
                    byMetric.get(metric)[i] = value.asDouble();
                }
            }
            strategies.put(strategy.path("name").asText(), new Scores(List.copyOf(queries), byMetric));
        }
        return strategies;
    }
}
