package io.magpie.eval.bench;

import io.magpie.eval.bench.BenchReport.Column;
import io.magpie.eval.bench.BenchReport.Table;
import io.magpie.eval.cli.GatewayOption;
import io.magpie.eval.cli.KeyOptions;
import io.magpie.eval.cli.ReportOptions;
import io.magpie.eval.cli.TimeoutOption;
import io.magpie.eval.run.BenchEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Search latency and throughput through the gateway: closed loops at fixed concurrencies, then open loops at fixed
 * arrival rates, each level after its own warm-up, with the ESCI queries cycled. Loopback only, and every level is
 * bounded in requests and time.
 */
@Command(
        name = "bench-search",
        mixinStandardHelpOptions = true,
        description = "Measure search latency (HdrHistogram p50/p90/p99/max) and throughput through the gateway.")
public class BenchSearchCommand implements Callable<Integer> {

    static final int MAX_CONCURRENCY = 256;
    static final double MAX_RATE = 1000;
    static final long MAX_REQUESTS = 100_000;

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
            description = "folder with queries.tsv (and products.jsonl, counted for the report)")
    Path dataset;

    @Option(
            names = "--concurrency",
            split = ",",
            defaultValue = "1,8,32",
            description = "closed-loop levels: concurrent requests (default: ${DEFAULT-VALUE})")
    List<Integer> concurrency;

    @Option(names = "--no-closed-loop", description = "skip the closed-loop levels")
    boolean noClosedLoop;

    @Option(
            names = "--rate",
            split = ",",
            description = "open-loop levels: arrival rates in requests/s (none by default)")
    List<Double> rates = new ArrayList<>();

    @Option(
            names = "--requests",
            defaultValue = "200",
            description = "measured requests per level; 0 to run each level for --duration instead")
    long requests;

    @Option(names = "--duration", description = "seconds per level when --requests is 0")
    Double durationSeconds;

    @Option(
            names = "--warmup",
            defaultValue = "30",
            description = "unmeasured requests before each level, at that level's concurrency or rate")
    long warmup;

    @Option(names = "--max-seconds", defaultValue = "120", description = "hard time limit of each level")
    double maxSeconds;

    @Option(
            names = "--max-in-flight",
            defaultValue = "64",
            description = "open loop: most requests outstanding at once")
    int maxInFlight;

    @Option(names = "--size", defaultValue = "10", description = "results per search")
    int size;

    @Option(
            names = "--page",
            defaultValue = "1",
            description = "page asked for (1-1000): page 5 after page 1 of the same queries reads the ranking the "
                    + "gateway kept (magpie.gateway.search.ranking-cache)")
    int page;

    @Option(names = "--sources", description = "comma-separated sources (default: the gateway's)")
    String sources;

    @Option(names = "--strategy", description = "fusion strategy (default: fusion-service's)")
    String strategy;

    @Mixin
    TimeoutOption timeout = new TimeoutOption(30);

    @Mixin
    ReportOptions output = new ReportOptions("docs/benchmarks", "search");

    @Override
    public Integer call() throws Exception {
        Loopback.require(spec, "--gateway", gateway.uri());
        validate();
        List<String> queryList = BenchData.queries(dataset.resolve("queries.tsv"));
        QueryCycle queries = new QueryCycle(queryList);
        Duration timeout = this.timeout.duration();
        SearchTarget target = new GatewaySearch(gateway.uri(), size, page, sources, strategy, key.keyOrNull(), timeout);
        Duration limit = Duration.ofMillis(Math.round(maxSeconds * 1000));
        LoadBudget budget = requests > 0
                ? LoadBudget.ofRequests(requests, limit)
                : LoadBudget.ofDuration(Duration.ofMillis(Math.round(durationSeconds * 1000)), limit);
        LoadBudget warmupBudget = LoadBudget.ofRequests(Math.max(1, warmup), limit);
        BenchEnvironment environment = BenchEnvironment.capture();

        List<LoadResult> closed = new ArrayList<>();
        ClosedLoopLoad closedLoop = new ClosedLoopLoad(target, queries);
        for (int level : noClosedLoop ? List.<Integer>of() : concurrency) {
            if (warmup > 0) {
                closedLoop.run(level, LoadBudget.ofRequests(Math.max(warmup, level), limit));
            }
            queries.restart();
            LoadResult result = closedLoop.run(level, budget);
            closed.add(result);
            print(result);
        }
        List<LoadResult> open = new ArrayList<>();
        OpenLoopLoad openLoop = new OpenLoopLoad(target, queries, timeout.plusSeconds(5));
        for (double rate : rates) {
            if (warmup > 0) {
                openLoop.run(rate, maxInFlight, warmupBudget);
            }
            queries.restart();
            LoadResult result = openLoop.run(rate, maxInFlight, budget);
            open.add(result);
            print(result);
        }

        BenchReport report = report(environment, queryList.size(), closed, open);
        List<Path> files = report.write(output.folder());
        System.out.println("reports: " + files);
        return 0;
    }

    private void validate() {
        if (!noClosedLoop && concurrency.stream().anyMatch(c -> c < 1 || c > MAX_CONCURRENCY)) {
            throw new ParameterException(spec.commandLine(), "--concurrency levels must be 1.." + MAX_CONCURRENCY);
        }
        if (rates.stream().anyMatch(r -> !(r > 0) || r > MAX_RATE)) {
            throw new ParameterException(spec.commandLine(), "--rate must be in (0, " + (int) MAX_RATE + "] req/s");
        }
        if (requests < 0 || requests > MAX_REQUESTS || warmup < 0 || warmup > MAX_REQUESTS) {
            throw new ParameterException(spec.commandLine(), "--requests and --warmup must be 0.." + MAX_REQUESTS);
        }
        if (requests == 0 && (durationSeconds == null || !(durationSeconds > 0))) {
            throw new ParameterException(spec.commandLine(), "--requests 0 needs a positive --duration");
        }
        if (!(maxSeconds > 0)
                || maxSeconds > 3600
                || !(timeout.seconds() > 0)
                || maxInFlight < 1
                || maxInFlight > MAX_CONCURRENCY) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--max-seconds must be in (0, 3600], --timeout > 0, " + "--max-in-flight 1.." + MAX_CONCURRENCY);
        }
        if (page < 1 || page > 1000) {
            throw new ParameterException(spec.commandLine(), "--page must be 1..1000");
        }
        if ((noClosedLoop || concurrency.isEmpty()) && rates.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "nothing to run: give --concurrency or --rate");
        }
    }

    private static void print(LoadResult r) {
        Map<String, Object> row = r.row();
        String level = r.mode().equals("closed")
                ? "concurrency " + r.concurrency()
                : String.format(Locale.ROOT, "rate %.1f/s", r.targetRate());
        System.out.printf(
                Locale.ROOT,
                "%s loop, %s: %d requests (%d degraded, %d errors) in %.1f s, %.1f req/s; "
                        + "p50 %s ms, p90 %s ms, p99 %s ms, max %s ms%s%n",
                r.mode(),
                level,
                r.sent(),
                r.degraded(),
                r.errors(),
                r.seconds(),
                r.throughput(),
                ms(row.get("p50")),
                ms(row.get("p90")),
                ms(row.get("p99")),
                ms(row.get("max")),
                r.cutShort() ? " (cut short by --max-seconds)" : "");
        r.errorSamples().forEach(e -> System.out.println("  error: " + e));
    }

    private static String ms(Object value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", (Double) value);
    }

    BenchReport report(BenchEnvironment environment, int queryCount, List<LoadResult> closed, List<LoadResult> open)
            throws Exception {
        BenchReport report = new BenchReport(
                output.name(),
                "Search latency through the gateway",
                "`GET /api/v1/search` on the local stack, measured by `magpie-eval bench-search`: closed loops (each "
                        + "of N workers sends its next search when the previous one is answered) and open loops "
                        + "(searches sent on a fixed schedule whatever the answers do). Latencies from HdrHistogram "
                        + "(3 significant digits), in milliseconds; throughput counts answered searches per second.",
                environment);
        report.commandLine("bench-search", spec.commandLine().getParseResult().originalArgs());
        report.parameter("gateway", gateway.uri())
                .parameter("requestsPerLevel", requests > 0 ? requests : null)
                .parameter("secondsPerLevel", requests > 0 ? null : durationSeconds)
                .parameter("warmupRequestsPerLevel", warmup)
                .parameter("maxSecondsPerLevel", maxSeconds)
                .parameter("size", size)
                .parameter("page", page)
                .parameter("sources", sources == null ? "gateway default (dense,lexical,graph)" : sources)
                .parameter("strategy", strategy == null ? "fusion-service default (rrf)" : strategy)
                .parameter("requestTimeoutSeconds", timeout.seconds())
                .parameter("openLoopMaxInFlight", open.isEmpty() ? null : maxInFlight)
                .parameter("http", "java.net.http.HttpClient, HTTP/1.1 keep-alive, on the same machine as the stack");
        long products = BenchData.lineCount(dataset.resolve("products.jsonl"));
        report.data(
                        "queries",
                        queryCount + " (" + dataset.resolve("queries.tsv") + ", cycled in file order; every "
                                + "level starts from the first)")
                .data(
                        "catalogue",
                        products > 0
                                ? products + " ESCI products (" + dataset.resolve("products.jsonl") + ", loaded by the "
                                        + "local stack), plus any added by bench-ingest runs"
                                : "unknown (no products.jsonl beside the queries)");
        if (!closed.isEmpty()) {
            report.table(new Table(
                    "Closed loop",
                    List.of(
                            new Column("concurrency", "concurrency", "%d"),
                            new Column("requests", "requests", "%d"),
                            new Column("degraded", "degraded", "%d"),
                            new Column("degradedBranches", "left out", null),
                            new Column("errors", "errors", "%d"),
                            new Column("throughput", "searches/s", "%.1f"),
                            new Column("p50", "p50 ms", "%.1f"),
                            new Column("p90", "p90 ms", "%.1f"),
                            new Column("p99", "p99 ms", "%.1f"),
                            new Column("max", "max ms", "%.1f"),
                            new Column("mean", "mean ms", "%.1f")),
                    closed.stream().map(LoadResult::row).toList()));
        }
        if (!open.isEmpty()) {
            report.table(new Table(
                    "Open loop",
                    List.of(
                            new Column("targetRate", "rate/s", "%.1f"),
                            new Column("requests", "requests", "%d"),
                            new Column("degraded", "degraded", "%d"),
                            new Column("degradedBranches", "left out", null),
                            new Column("errors", "errors", "%d"),
                            new Column("throughput", "answered/s", "%.1f"),
                            new Column("p50", "p50 ms", "%.1f"),
                            new Column("p90", "p90 ms", "%.1f"),
                            new Column("p99", "p99 ms", "%.1f"),
                            new Column("max", "max ms", "%.1f"),
                            new Column("serviceP50", "service p50 ms", "%.1f"),
                            new Column("serviceP99", "service p99 ms", "%.1f")),
                    open.stream().map(LoadResult::row).toList()));
            report.note("Open loop: latency runs from each search's intended send time (start + i / rate), so "
                    + "waiting behind a slow answer counts (no coordinated omission); service time runs from the "
                    + "actual send. At most " + maxInFlight + " searches are outstanding.");
        }
        report.note("Closed loop: a worker waits for its answer before sending again, so it never queues more than "
                + "N requests and under-reports the latency spikes that independent users would feel; the open loop "
                + "measures those.");
        report.note("Degraded: answered, but with a branch left out after a failure or its timeout (the `degraded` "
                + "list of the answer; \"left out\" counts how often each branch was named, and a failed encoder "
                + "also leaves out dense and graph); such answers are counted in the latencies. The gateway's "
                + "branch timeouts (`magpie.gateway.search.timeouts.*`: encode 3 s, dense, lexical, graph and "
                + "hydrate 2 s, fusion 1 s) cap how long a search can wait. Errors: no usable answer; not counted "
                + "in the latencies.");
        report.note("The gateway keeps each query's fused ranking for magpie.gateway.search.ranking-cache.expiry "
                + "(5 min by default): a query repeated within it, or a later page of it, reads the kept ranking "
                + "instead of doing the full work (hits and misses: magpie_search_ranking_cache_total on the gateway's "
                + "/q/metrics); the first cycle through the queries does the full work.");
        report.note("Load generator and stack share the same cores, so the client's own work (HTTP, JSON) takes "
                + "CPU from the services at high concurrency.");
        for (LoadResult r : closed) {
            noteProblems(report, r);
        }
        for (LoadResult r : open) {
            noteProblems(report, r);
        }
        return report;
    }

    private static void noteProblems(BenchReport report, LoadResult r) {
        String level = r.mode().equals("closed")
                ? "concurrency " + r.concurrency()
                : String.format(Locale.ROOT, "rate %.1f/s", r.targetRate());
        if (r.cutShort()) {
            report.note(level + ": cut short by the time limit after " + r.sent() + " requests.");
        }
        if (!r.errorSamples().isEmpty()) {
            report.note(level + ": errors, for example: " + String.join("; ", r.errorSamples()));
        }
    }
}
