package io.magpie.eval.rec;

import io.magpie.eval.cli.GatewayOption;
import io.magpie.eval.cli.KeyOptions;
import io.magpie.eval.cli.ReportOptions;
import io.magpie.eval.http.JsonHttp;
import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.rec.RecEvaluation.Comparison;
import io.magpie.eval.rec.RecEvaluation.Result;
import io.magpie.eval.rec.RecEvaluation.Summary;
import io.magpie.eval.rec.RecEvaluation.UserResult;
import io.magpie.eval.run.BenchEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Offline recommendation baselines (popularity, item-to-item co-occurrence) on the Amazon Scientific purchase
 * histories: leave-one-out, full ranking, HR@k and NDCG@k with bootstrap intervals.
 */
// the bundle describes --name: its default depends on --final
@Command(
        name = "rec-eval",
        mixinStandardHelpOptions = true,
        resourceBundle = "io.magpie.eval.rec.RecEvalHelp",
        description = "Evaluate recommendation baselines (popularity, co-occurrence) on the Amazon Scientific "
                + "purchase histories: leave-one-out, full ranking, HR@10 / NDCG@10.")
public class RecEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--dataset",
            defaultValue = "../shared/datasets/amazon-scientific",
            description = "folder with the Scientific.* files")
    Path dataset;

    @Option(
            names = "--final",
            description = "fit on train + valid and evaluate the test items (the reported run; "
                    + "the validation split is run too and picks the co-occurrence variant); without it: fit on train and "
                    + "evaluate the validation items")
    boolean finalRun;

    @Option(names = "--k", defaultValue = "10", description = "cut-off of HR and NDCG")
    int k;

    @Option(names = "--resamples", defaultValue = "" + Bootstrap.DEFAULT_RESAMPLES, description = "bootstrap resamples")
    int resamples;

    @Option(names = "--seed", defaultValue = "" + Bootstrap.DEFAULT_SEED, description = "bootstrap seed")
    long seed;

    @Mixin
    ReportOptions output = new ReportOptions("docs/eval", null);

    @Option(
            names = "--through-platform",
            description = "load the data set through the public API of a running Magpie (items as products, "
                    + "interactions as purchase events) and score the gateway's recommendations, fused and per "
                    + "source, beside the offline baselines; without --final: validation items and a search of the "
                    + "recommendation weights")
    boolean throughPlatform;

    @Option(
            names = "--skip-products",
            description = "with --through-platform: the items are already loaded and indexed")
    boolean skipProducts;

    @Option(names = "--concurrency", defaultValue = "4", description = "with --through-platform: clients at once")
    int concurrency;

    @Option(
            names = "--users",
            defaultValue = "0",
            description = "with --through-platform: ask for this many users drawn at random (seeded by --seed); "
                    + "0: all of them")
    int users;

    @Option(
            names = "--variants",
            defaultValue = "fused,cooccurrence,collaborative,similar,graph,popularity",
            description = "with --through-platform: what to ask the gateway for: fused and/or sources alone")
    String variants;

    @Option(
            names = "--popularity-wait",
            defaultValue = "70s",
            description = "with --through-platform: time after the last event before asking (popularity refresh)")
    String popularityWait;

    @Option(
            names = "--configured-weights",
            split = ",",
            defaultValue = "cooccurrence=1.0,collaborative=0.1,similar=0.8,graph=0.1,popularity=0.1",
            description = "with --through-platform, without --final: the recommendation weights fusion-service is "
                    + "configured with, scored beside the searched ones (new weights are taken only if they beat "
                    + "these on validation)")
    Map<String, Double> configuredWeights;

    @Option(
            names = "--item-vectors",
            split = ",",
            description = "without --final and --through-platform: item vectors trained on the training split "
                    + "(key=file, one line per item index, as fusion-service's ScientificVectorsRun writes them), "
                    + "scored as the platform serves them beside the baselines")
    Map<String, Path> itemVectors = new LinkedHashMap<>();

    @Option(
            names = "--vector-history",
            defaultValue = "20",
            description = "with --item-vectors: the user's most recent distinct items averaged (the gateway's "
                    + "history-items)")
    int vectorHistory;

    @Option(
            names = "--vector-decay",
            defaultValue = "0.5",
            description = "with --item-vectors: the recency decay of the average (the gateway's "
                    + "collaborative-recency-decay)")
    double vectorDecay;

    @Mixin
    GatewayOption gateway;

    @Mixin
    KeyOptions key;

    @Override
    public Integer call() throws Exception {
        if (k < 1 || resamples < 1) {
            throw new ParameterException(spec.commandLine(), "--k and --resamples must be >= 1");
        }
        long start = System.nanoTime();
        // read before the run, so the report's start time and load are the run's, not the report's
        BenchEnvironment environment = BenchEnvironment.capture();
        Interactions data = Interactions.read(dataset);
        Bootstrap bootstrap = new Bootstrap(resamples, seed, Bootstrap.DEFAULT_CONFIDENCE);
        if (throughPlatform) {
            return throughPlatform(data, bootstrap, start, environment);
        }
        if (!itemVectors.isEmpty() && finalRun) {
            throw new ParameterException(
                    spec.commandLine(), "--item-vectors are trained on the training split: not with --final");
        }
        List<Recommender> vectors = new ArrayList<>();
        for (Map.Entry<String, Path> file : itemVectors.entrySet()) {
            vectors.add(ItemVectors.read(file.getKey(), file.getValue(), data.itemCount(), vectorHistory, vectorDecay));
        }
        RecEvaluation evaluation = new RecEvaluation(data, k, bootstrap);
        Result validation = evaluation.run(false, vectors);
        Result result = finalRun ? evaluation.run(true) : validation;
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf(
                Locale.ROOT,
                "%s: %d users, %d items%n",
                finalRun ? "test (fitted on train + valid)" : "valid (fitted on train)",
                data.userCount(),
                data.itemCount());
        for (Summary s : result.summaries()) {
            System.out.printf(
                    Locale.ROOT,
                    "%-24s HR@%d %s   NDCG@%d %s%n",
                    s.name(),
                    k,
                    RecReport.withInterval(s.hitRate()),
                    k,
                    RecReport.withInterval(s.ndcg()));
        }
        for (Comparison c : result.comparisons()) {
            System.out.printf(
                    Locale.ROOT,
                    "%-24s - %s: HR@%d %s   NDCG@%d %s%n",
                    c.name(),
                    c.against(),
                    k,
                    RecReport.signedWithInterval(c.hitRate().difference()),
                    k,
                    RecReport.signedWithInterval(c.ndcg().difference()));
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("command", "java -jar eval/target/magpie-eval.jar rec-eval " + String.join(" ", argsAfterCommand()));
        run.put("dataset", dataset.toString()); // as given (a Path would be written as an absolute file: URI)
        run.put("started", environment.startedAt());
        run.put("seconds", String.format(Locale.ROOT, "%.1f", seconds));
        environment.versions().forEach(run::put);
        String reportName =
                output.name() != null ? output.name() : finalRun ? "rec-scientific" : "rec-scientific-valid";
        List<Path> files = new RecReport(
                        result, finalRun ? validation : null, data, bootstrap, facts(data, result), run)
                .write(output.folder(), reportName);
        System.out.println("reports: " + files);
        return 0;
    }

    private int throughPlatform(Interactions data, Bootstrap bootstrap, long start, BenchEnvironment environment)
            throws Exception {
        if (!PlatformRecRun.SOURCES.containsAll(configuredWeights.keySet())) {
            throw new ParameterException(
                    spec.commandLine(), "--configured-weights: sources are " + PlatformRecRun.SOURCES);
        }
        JsonHttp http = JsonHttp.to(gateway.uri()).key(key.required()).build();
        PlatformRecRun run = new PlatformRecRun(
                new PlatformRecEval(http, data, concurrency, System.out), data, k, bootstrap, System.out);
        Map<String, Object> report = run.run(
                finalRun,
                dataset,
                !skipProducts,
                users,
                seed,
                List.of(variants.split(",")),
                java.time.Duration.parse("PT" + popularityWait.toUpperCase()),
                configuredWeights);
        Result offline = new RecEvaluation(data, k, bootstrap).run(finalRun);
        List<Map<String, Object>> baselines = offline.summaries().stream()
                .map(s -> PlatformRecRun.row(s.name(), s.hitRate(), s.ndcg()))
                .toList();
        report.put("offlineBaselines", baselines);
        Map<String, Object> runFacts = new LinkedHashMap<>();
        runFacts.put(
                "command", "java -jar eval/target/magpie-eval.jar rec-eval " + String.join(" ", argsAfterCommand()));
        runFacts.put("started", environment.startedAt());
        runFacts.put("seconds", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        environment.versions().forEach(runFacts::put);
        report.put("run", runFacts);
        String name = output.name() != null
                ? output.name()
                : finalRun ? "rec-scientific-platform" : "rec-scientific-platform-valid";
        Path file = output.folder().resolve(name + ".json");
        PlatformRecRun.writeJson(report, file);
        PlatformRecRun.writeMarkdown(report, output.folder().resolve(name + ".md"));
        System.out.println("reports: " + file + " and " + name + ".md");
        return 0;
    }

    private List<String> argsAfterCommand() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        int at = args.indexOf("rec-eval");
        return args.subList(at + 1, args.size());
    }

    static Map<String, Object> facts(Interactions data, Result result) {
        List<int[]> fitted = data.fitSequences(result.finalRun());
        Popularity popularity = Popularity.fit(fitted, data.itemCount());
        long interactions = fitted.stream().mapToLong(s -> s.length).sum();
        long distinctPairs = fitted.stream()
                .mapToLong(s -> Arrays.stream(s).distinct().count())
                .sum();
        long unseenItems = IntStream.range(0, data.itemCount())
                .filter(i -> popularity.count(i) == 0)
                .count();
        List<UserResult> users = result.users();
        long repeats = users.stream().filter(u -> u.ranks()[0] == 0).count();
        long coldTargets =
                users.stream().filter(u -> popularity.count(u.target()) == 0).count();
        double meanHistory =
                users.stream().mapToInt(UserResult::history).average().orElse(0);
        int[] histories = users.stream().mapToInt(UserResult::history).sorted().toArray();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("users (all evaluated)", fmt(data.userCount()));
        facts.put("items (all ranked)", fmt(data.itemCount()));
        facts.put(
                "fitted interactions",
                fmt(interactions) + " (" + fmt(distinctPairs) + " distinct user-item pairs; "
                        + (result.finalRun() ? "train + valid" : "train") + ")");
        facts.put(
                "held-out interactions",
                fmt(users.size()) + " (one per user, the " + (result.finalRun() ? "test" : "validation") + " item)");
        facts.put(
                "history length",
                String.format(
                        Locale.ROOT,
                        "mean %.1f, median %d, min %d, max %d",
                        meanHistory,
                        histories[histories.length / 2],
                        histories[0],
                        histories[histories.length - 1]));
        facts.put("items never bought in the fitted data", fmt(unseenItems));
        facts.put(
                "targets already in the user's history",
                fmt(repeats) + " users: a repeat purchase; the "
                        + "protocol excludes the history, so no baseline can hit these (HR@k ≤ "
                        + String.format(Locale.ROOT, "%.4f", 1 - (double) repeats / users.size()) + ")");
        facts.put(
                "targets never bought in the fitted data",
                fmt(coldTargets) + " users: cold items, ranked last " + "by popularity and never co-occurring");
        return facts;
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
