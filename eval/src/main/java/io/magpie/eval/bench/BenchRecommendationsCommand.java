package io.magpie.eval.bench;

import io.magpie.eval.bench.BenchReport.Column;
import io.magpie.eval.bench.BenchReport.Table;
import io.magpie.eval.cli.GatewayOption;
import io.magpie.eval.cli.KeyOptions;
import io.magpie.eval.cli.ReportOptions;
import io.magpie.eval.cli.TimeoutOption;
import io.magpie.eval.rec.Interactions;
import io.magpie.eval.run.BenchEnvironment;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Recommendation latency through the gateway: closed loops at fixed concurrencies for a user's recommendations
 * ({@code GET /api/v1/users/{id}/recommendations}) and a product's ({@code GET /api/v1/products/{id}/similar}), over
 * the users and items of Amazon Scientific as {@code rec-eval --through-platform} loads them. Loopback only.
 */
@Command(
        name = "bench-recommendations",
        mixinStandardHelpOptions = true,
        description = "Measure user and product recommendation latency (p50/p99) through the gateway.")
public class BenchRecommendationsCommand implements Callable<Integer> {

    static final int MAX_CONCURRENCY = 256;
    static final long MAX_REQUESTS = 100_000;

    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOption gateway;

    @Mixin
    KeyOptions key;

    @Option(
            names = "--dataset",
            defaultValue = "../shared/datasets/amazon-scientific",
            description =
                    "folder with the Scientific.* files (users and items as rec-eval --through-platform loads them)")
    Path dataset;

    @Option(
            names = "--concurrency",
            split = ",",
            defaultValue = "1,8",
            description = "closed-loop levels (default: ${DEFAULT-VALUE})")
    List<Integer> concurrency;

    @Option(names = "--requests", defaultValue = "200", description = "measured requests per level and kind")
    long requests;

    @Option(names = "--warmup", defaultValue = "20", description = "unmeasured requests before each level")
    long warmup;

    @Option(names = "--max-seconds", defaultValue = "120", description = "hard time limit of each level")
    double maxSeconds;

    @Option(names = "--size", defaultValue = "10", description = "items per answer")
    int size;

    @Option(names = "--seed", defaultValue = "42", description = "order in which users and items are asked")
    long seed;

    @Mixin
    TimeoutOption timeout = new TimeoutOption(30);

    @Mixin
    ReportOptions output = new ReportOptions("docs/benchmarks", "recommendations");

    @Override
    public Integer call() throws Exception {
        Loopback.require(spec, "--gateway", gateway.uri());
        if (concurrency.isEmpty() || concurrency.stream().anyMatch(c -> c < 1 || c > MAX_CONCURRENCY)) {
            throw new ParameterException(spec.commandLine(), "--concurrency levels must be 1.." + MAX_CONCURRENCY);
        }
        if (requests < 1 || requests > MAX_REQUESTS || warmup < 0 || warmup > MAX_REQUESTS) {
            throw new ParameterException(
                    spec.commandLine(), "--requests must be 1.." + MAX_REQUESTS + ", --warmup 0.." + MAX_REQUESTS);
        }
        if (!(maxSeconds > 0) || maxSeconds > 3600 || size < 1 || size > 100 || !(timeout.seconds() > 0)) {
            throw new ParameterException(
                    spec.commandLine(), "--max-seconds must be in (0, 3600], --size 1..100, --timeout > 0");
        }
        Interactions data = Interactions.read(dataset);
        Duration limit = Duration.ofMillis(Math.round(maxSeconds * 1000));
        BenchEnvironment environment = BenchEnvironment.capture();
        Map<String, List<String>> idsByKind = new LinkedHashMap<>();
        idsByKind.put(
                "user", shuffled(data.userIds().stream().map(id -> "sci-" + id).toList()));
        idsByKind.put("product", shuffled(data.itemIds()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, List<String>> kind : idsByKind.entrySet()) {
            SearchTarget target =
                    new GatewayGet(gateway.uri(), path(kind.getKey()), key.keyOrNull(), timeout.duration());
            QueryCycle ids = new QueryCycle(kind.getValue());
            ClosedLoopLoad load = new ClosedLoopLoad(target, ids);
            for (int level : concurrency) {
                if (warmup > 0) {
                    load.run(level, LoadBudget.ofRequests(Math.max(warmup, level), limit));
                }
                LoadResult result = load.run(level, LoadBudget.ofRequests(requests, limit));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("kind", kind.getKey());
                row.putAll(result.row());
                rows.add(row);
                System.out.printf(
                        Locale.ROOT,
                        "%s recommendations, concurrency %d: %d requests (%d degraded, %d errors), %.1f req/s; "
                                + "p50 %s ms, p99 %s ms%n",
                        kind.getKey(),
                        level,
                        result.sent(),
                        result.degraded(),
                        result.errors(),
                        result.throughput(),
                        row.get("p50"),
                        row.get("p99"));
                result.errorSamples().forEach(e -> System.out.println("  error: " + e));
            }
        }
        List<Path> files = report(environment, rows).write(output.folder());
        System.out.println("reports: " + files);
        return 0;
    }

    private List<String> shuffled(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }

    private java.util.function.Function<String, String> path(String kind) {
        return id -> "/api/v1/" + (kind.equals("user") ? "users/" : "products/")
                + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")
                + (kind.equals("user") ? "/recommendations" : "/similar") + "?size=" + size;
    }

    private BenchReport report(BenchEnvironment environment, List<Map<String, Object>> rows) throws Exception {
        BenchReport report = new BenchReport(
                output.name(),
                "Recommendation latency through the gateway",
                "`GET /api/v1/users/{id}/recommendations` (a user's: profile, then co-occurrence, collaborative, "
                        + "similar, graph and popularity in parallel, hydration and ranking) and `GET "
                        + "/api/v1/products/{id}/similar` (a product's: similar, collaborative and graph), measured "
                        + "by `magpie-eval bench-recommendations` in closed loops (each of N workers asks again when "
                        + "answered). Latencies from HdrHistogram, in milliseconds.",
                environment);
        report.commandLine(
                "bench-recommendations", spec.commandLine().getParseResult().originalArgs());
        report.parameter("gateway", gateway.uri())
                .parameter("requestsPerLevel", requests)
                .parameter("warmupRequestsPerLevel", warmup)
                .parameter("maxSecondsPerLevel", maxSeconds)
                .parameter("size", size)
                .parameter("requestTimeoutSeconds", timeout.seconds());
        report.data(
                "users and products",
                "Amazon Scientific (" + dataset + "): users as sci-<user id>, items by ASIN, in a shuffled order "
                        + "(seed " + seed + "); loaded by rec-eval --through-platform beforehand");
        report.table(new Table(
                "Closed loop",
                List.of(
                        new Column("kind", "recommendations", null),
                        new Column("concurrency", "concurrency", "%d"),
                        new Column("requests", "requests", "%d"),
                        new Column("degraded", "degraded", "%d"),
                        new Column("degradedBranches", "left out", null),
                        new Column("errors", "errors", "%d"),
                        new Column("throughput", "answers/s", "%.1f"),
                        new Column("p50", "p50 ms", "%.1f"),
                        new Column("p90", "p90 ms", "%.1f"),
                        new Column("p99", "p99 ms", "%.1f"),
                        new Column("max", "max ms", "%.1f")),
                rows));
        report.note("Degraded: answered with a branch left out after a failure or its timeout "
                + "(`magpie.gateway.recommendations.timeouts.*`); counted in the latencies. Errors are not.");
        report.note("Load generator and stack share the same cores.");
        return report;
    }
}
