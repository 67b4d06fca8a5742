package io.magpie.eval.rec;

import io.magpie.eval.bench.BenchEnvironment;
import io.magpie.eval.cli.ReportOptions;
import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.rec.RecEvaluation.Comparison;
import io.magpie.eval.rec.RecEvaluation.Result;
import io.magpie.eval.rec.RecEvaluation.Summary;
import io.magpie.eval.rec.RecEvaluation.UserResult;
import java.nio.file.Path;
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

    @Override
    public Integer call() throws Exception {
        if (k < 1 || resamples < 1) {
            throw new ParameterException(spec.commandLine(), "--k and --resamples must be >= 1");
        }
        long start = System.nanoTime();
        Interactions data = Interactions.read(dataset);
        Bootstrap bootstrap = new Bootstrap(resamples, seed, Bootstrap.DEFAULT_CONFIDENCE);
        RecEvaluation evaluation = new RecEvaluation(data, k, bootstrap);
        Result validation = evaluation.run(false);
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
        BenchEnvironment environment = BenchEnvironment.capture();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("command", "java -jar eval/target/magpie-eval.jar rec-eval " + String.join(" ", argsAfterCommand()));
        run.put("dataset", dataset);
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
