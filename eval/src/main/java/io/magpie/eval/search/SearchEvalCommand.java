package io.magpie.eval.search;

import io.magpie.eval.cli.BootstrapOptions;
import io.magpie.eval.cli.GatewayOption;
import io.magpie.eval.cli.KeyOptions;
import io.magpie.eval.cli.ReportOptions;
import io.magpie.eval.esci.EsciJudgements;
import io.magpie.eval.http.GatewayClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Search quality on the ESCI subset: every query through the gateway for each strategy, NDCG@10, Recall@100 and MRR
 * per query, means with bootstrap intervals, a paired comparison of two strategies, and reports in JSON, Markdown
 * and HTML.
 */
@Command(
        name = "search-eval",
        mixinStandardHelpOptions = true,
        description = "Measure search quality on the ESCI subset per strategy (NDCG@10, Recall@100, MRR with 95%% "
                + "bootstrap intervals) and write search-esci.{json,md,html}.")
public class SearchEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOption gateway;

    /** Choosing sources or a strategy needs a trusted key; the local stack's admin key is one. */
    @Mixin
    KeyOptions key;

    @Option(
            names = "--dataset",
            defaultValue = "../shared/datasets/esci-subset",
            description = "folder with queries.tsv and labels.tsv (default: ${DEFAULT-VALUE})")
    Path dataset;

    @Option(
            names = "--strategies",
            split = ",",
            description = "strategies to measure, comma-separated (default: all: ${COMPLETION-CANDIDATES})",
            completionCandidates = StrategyNames.class)
    List<String> strategies;

    @Option(
            names = "--compare",
            defaultValue = "rrf,lexical",
            description = "A,B: paired comparison of A against B (default: ${DEFAULT-VALUE}); 'none' for none")
    String compare;

    @Option(names = "--size", defaultValue = "100", description = "results per search (default: ${DEFAULT-VALUE})")
    int size;

    @Mixin
    ReportOptions output = new ReportOptions("docs/eval", "search-esci");

    @Mixin
    BootstrapOptions intervals;

    @Option(
            names = "--concurrency",
            defaultValue = "2",
            description = "searches in flight at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(
            names = "--top",
            defaultValue = "10",
            description = "most changed queries listed in the comparison (default: ${DEFAULT-VALUE})")
    int top;

    /** The catalogue's names, for help. */
    static final class StrategyNames extends ArrayList<String> {
        StrategyNames() {
            super(SearchStrategy.CATALOGUE.stream().map(SearchStrategy::name).toList());
        }
    }

    @Override
    public Integer call() throws Exception {
        List<SearchStrategy> chosen = chosenStrategies();
        String[] pair = comparePair();
        if (size < 100) {
            System.err.printf(
                    "warning: --size %d is below the protocol's 100; Recall@100 and MRR see only the " + "top %d%n",
                    size, size);
        }
        if (!Files.isRegularFile(dataset.resolve("queries.tsv"))
                || !Files.isRegularFile(dataset.resolve("labels.tsv"))) {
            System.err.println("no ESCI data set at " + dataset.toAbsolutePath().normalize()
                    + " (queries.tsv, labels.tsv); see ../shared/datasets/README.md");
            return 2;
        }
        EsciJudgements judgements = EsciJudgements.read(dataset);
        GatewayClient client = new GatewayClient(gateway.uri(), key.keyOrNull());
        SearchEvaluation evaluation = new SearchEvaluation(
                client::search, judgements, SearchEvaluation.ESCI_METRICS, intervals.bootstrap(), size, concurrency);
        System.err.printf(
                "search-eval: %d queries x %d strategies against %s%n",
                judgements.queries().size(), chosen.size(), gateway.uri());
        SearchReport report = evaluation.run(
                chosen,
                pair,
                gateway.uri().toString(),
                dataset.toString(),
                top,
                result -> System.err.printf(
                        "  %-9s %s%n",
                        result.name(),
                        result.available()
                                ? String.format(
                                        Locale.ROOT,
                                        "%.1f s, %d failed, %d degraded",
                                        result.seconds(),
                                        result.failedQueries(),
                                        result.degradedQueries())
                                : "unavailable: " + result.unavailableReason()));
        System.out.print(TextReport.render(report));
        for (Path file : ReportFiles.write(report, output.folder(), output.name())) {
            System.err.println("wrote " + file);
        }
        boolean anyMeasured = report.strategies().stream().anyMatch(SearchReport.StrategyResult::available);
        boolean allFailed = report.strategies().stream()
                .anyMatch(s -> s.available() && s.failedQueries() == s.queries().size());
        if (!anyMeasured || allFailed) {
            System.err.println("search-eval: no strategy could be measured, or every search of one failed; is the "
                    + "gateway at " + gateway.uri() + " up?");
            return 1;
        }
        return 0;
    }

    private List<SearchStrategy> chosenStrategies() {
        if (strategies == null || strategies.isEmpty()) {
            return SearchStrategy.CATALOGUE;
        }
        List<SearchStrategy> chosen = new ArrayList<>();
        for (String strategyName : strategies) {
            SearchStrategy strategy = SearchStrategy.byName(strategyName.strip())
                    .orElseThrow(() -> new ParameterException(
                            spec.commandLine(),
                            "unknown strategy '" + strategyName + "'; known: " + SearchStrategy.names()));
            if (!chosen.contains(strategy)) {
                chosen.add(strategy);
            }
        }
        return chosen;
    }

    private String[] comparePair() {
        if (compare == null || compare.isBlank() || compare.equals("none")) {
            return null;
        }
        String[] pair = Arrays.stream(compare.split(",")).map(String::strip).toArray(String[]::new);
        if (pair.length != 2 || pair[0].equals(pair[1])) {
            throw new ParameterException(
                    spec.commandLine(), "--compare takes two different strategies A,B, was '" + compare + "'");
        }
        return pair;
    }
}
