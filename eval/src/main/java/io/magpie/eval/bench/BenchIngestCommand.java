package io.magpie.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.magpie.api.catalog.Product;
import io.magpie.eval.bench.BenchReport.Column;
import io.magpie.eval.bench.BenchReport.Table;
import io.magpie.eval.cli.GatewayOption;
import io.magpie.eval.cli.KeyOptions;
import io.magpie.eval.cli.ReportOptions;
import io.magpie.eval.cli.TimeoutOption;
import io.magpie.eval.http.GatewayClient;
import io.magpie.eval.http.JsonHttp;
import io.magpie.eval.run.BenchEnvironment;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Products per second of bulk ingest through the gateway's admin API, end to end: commit to PostgreSQL, then
 * encode, index in Milvus and deliver to the graph through the outbox; optionally with a closed-loop search load
 * through the storefront search, at rest before the ingest, during it and at rest after it, side by side. The
 * catalogue skips products it already holds unchanged, so every run sends products under ids it has not seen (a
 * fresh prefix per run), and deletes them at the end unless told to keep them.
 */
@Command(
        name = "bench-ingest",
        mixinStandardHelpOptions = true,
        description = "Measure bulk ingest (products/s of POST /api/v1/admin/products, until indexed) with products "
                + "under fresh ids, and search latency at rest and during the ingest.")
public class BenchIngestCommand implements Callable<Integer> {

    enum Source {
        scientific,
        esci
    }

    static final int MAX_PRODUCTS = 20_000;

    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOption gateway;

    @Mixin
    KeyOptions key;

    @Option(
            names = "--source",
            defaultValue = "scientific",
            description = "whose product texts to send: scientific (Amazon Industrial & Scientific items) or esci "
                    + "(the ESCI products, converted as the demo loader converts them; on a stack that holds the "
                    + "demo catalogue this puts near-duplicates of judged products into it)")
    Source source;

    @Option(
            names = "--file",
            description =
                    "the source's file (default: Scientific.text or products.jsonl under " + "../shared/datasets)")
    Path file;

    @Option(names = "--count", defaultValue = "500", description = "products to ingest")
    int count;

    @Option(names = "--chunk", defaultValue = "100", description = "products per request")
    int chunk;

    @Option(names = "--concurrency", defaultValue = "1", description = "ingest requests in flight (1-16)")
    int concurrency;

    @Option(names = "--id-prefix", description = "prefix of the fresh ids (default: bench-<UTC time>-)")
    String idPrefix;

    @Option(
            names = "--keep",
            description = "leave the products in the catalogue (default: delete them at the end, not timed)")
    boolean keep;

    @Option(
            names = "--search-clients",
            defaultValue = "0",
            description = "closed-loop search clients (0: no search load); with more, searches run at rest before "
                    + "the ingest, during it and at rest after it")
    int searchClients;

    @Option(
            names = "--search-seconds",
            defaultValue = "30",
            description = "how long each at-rest search phase runs (the phase during the ingest lasts as long as "
                    + "the ingest)")
    double searchSeconds;

    @Option(
            names = "--queries",
            defaultValue = "../shared/datasets/esci-subset/queries.tsv",
            description = "the searches' queries (queries.tsv, cycled in file order)")
    Path queriesFile;

    @Option(
            names = "--stack-dir",
            description = "the local stack's runtime folder (default: $MAGPIE_RUNTIME_DIR), whose pid files name the "
                    + "processes whose CPU time each phase reports; none: no CPU table")
    Path stackDir;

    @Mixin
    TimeoutOption timeout = new TimeoutOption(600);

    @Mixin
    ReportOptions output = new ReportOptions("docs/benchmarks", "ingest");

    /** What one phase measured: its searches (null without a search load), load averages and CPU per process. */
    record Phase(
            String name,
            double seconds,
            LoadResult searches,
            double loadAtStart,
            double loadAtEnd,
            Map<String, Double> cpuSeconds) {}

    @Override
    public Integer call() throws Exception {
        URI gateway = Loopback.require(spec, "--gateway", this.gateway.uri());
        validate();
        String prefix = idPrefix != null ? idPrefix : defaultPrefix(ZonedDateTime.now(ZoneOffset.UTC));
        if (prefix.isBlank() || !prefix.strip().equals(prefix) || prefix.length() > 40) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--id-prefix must be 1..40 characters without surrounding spaces: the ids must be new");
        }
        String key = this.key.required();
        Path input = file != null ? file : defaultFile();
        List<Product> products = (source == Source.scientific
                        ? BenchData.scientificProducts(input, count)
                        : BenchData.esciProducts(input, count))
                .stream().map(p -> BenchData.withId(p, prefix + p.id())).toList();
        if (products.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no products in " + input);
        }
        if (products.size() < count) {
            System.out.printf("only %d products in %s%n", products.size(), input);
        }
        QueryCycle queries = searchClients > 0 ? new QueryCycle(BenchData.queries(queriesFile)) : null;
        BenchEnvironment environment = BenchEnvironment.capture();
        GatewayClient client =
                new GatewayClient(JsonHttp.to(gateway).key(key).http1().build());
        Optional<StackCpu> cpu = StackCpu.of(stackDir != null ? stackDir : runtimeDirFromEnvironment());
        ClosedLoopLoad searchLoad = queries == null
                ? null
                : new ClosedLoopLoad(
                        new GatewaySearch(gateway, 10, 1, null, null, null, Duration.ofSeconds(30)), queries);
        Duration phaseLimit = Duration.ofHours(2);

        List<Phase> phases = new ArrayList<>();
        if (searchLoad != null) {
            phases.add(measure("at rest, before", cpu, () -> {
                queries.restart();
                return searchLoad.run(searchClients, restBudget());
            }));
        }
        // the ingest on its own thread; the searches (if any) run until it is indexed
        AtomicBoolean indexed = new AtomicBoolean();
        double[] committedSeconds = new double[1];
        ExecutorService ingestThread = Executors.newSingleThreadExecutor();
        Future<ChunkedIngest.Result> ingest;
        long start;
        Phase during;
        try {
            start = System.nanoTime();
            ingest = ingestThread.submit(() -> {
                try {
                    ChunkedIngest.Result result =
                            new ChunkedIngest(client, timeout.duration()).send(products, chunk, concurrency);
                    committedSeconds[0] = (System.nanoTime() - start) / 1e9;
                    // the answers come once PostgreSQL has committed; encoding and indexing follow through the outbox
                    client.awaitIndexed(phaseLimit);
                    return result;
                } finally {
                    indexed.set(true);
                }
            });
            during = measure("during ingest", cpu, () -> {
                if (searchLoad == null) {
                    ingest.get();
                    return null;
                }
                queries.restart();
                return searchLoad.run(searchClients, LoadBudget.ofDuration(phaseLimit, phaseLimit), indexed::get);
            });
            ingest.get();
        } finally {
            ingestThread.shutdownNow();
        }
        ChunkedIngest.Result result = ingest.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        phases.add(during);
        JsonNode status = client.indexing();
        System.out.printf(
                Locale.ROOT,
                "%d products committed in %.1f s (%.1f products/s), indexed in %.1f s: "
                        + "%.1f products/s end to end (ids %s...); %d dead letters%n",
                result.accepted(),
                committedSeconds[0],
                result.accepted() / committedSeconds[0],
                seconds,
                result.accepted() / seconds,
                prefix,
                status.path("deadLetters").asLong());
        if (searchLoad != null) {
            phases.add(measure("at rest, after", cpu, () -> {
                queries.restart();
                return searchLoad.run(searchClients, restBudget());
            }));
        }
        if (!keep) {
            // removed again, so that runs do not make the catalogue grow
            client.delete(products.stream().map(Product::id).toList(), timeout.duration());
            client.awaitIndexed(Duration.ofHours(1));
        }
        BenchReport report = report(
                environment, gateway, input, prefix, products.size(), result, seconds, committedSeconds[0], status);
        report.table(searchTable(phases));
        if (cpu.isPresent()) {
            report.table(cpuTable(phases, result.accepted()));
        }
        System.out.println("reports: " + report.write(output.folder()));
        return result.rejected() == 0 && status.path("deadLetters").asLong() == 0 ? 0 : 1;
    }

    private void validate() {
        if (count < 1 || count > MAX_PRODUCTS || chunk < 1 || chunk > count || timeout.seconds() < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--count must be 1.." + MAX_PRODUCTS + ", --chunk 1..count, --timeout >= 1");
        }
        if (concurrency < 1 || concurrency > 16) {
            throw new ParameterException(spec.commandLine(), "--concurrency must be 1..16");
        }
        if (searchClients < 0 || searchClients > 64 || searchSeconds <= 0) {
            throw new ParameterException(
                    spec.commandLine(), "--search-clients must be 0..64 and --search-seconds positive");
        }
    }

    private LoadBudget restBudget() {
        Duration rest = Duration.ofMillis(Math.round(searchSeconds * 1000));
        return LoadBudget.ofDuration(rest, rest.plusSeconds(60));
    }

    @FunctionalInterface
    private interface PhaseWork {
        LoadResult run() throws Exception;
    }

    private static Phase measure(String name, Optional<StackCpu> cpu, PhaseWork work) throws Exception {
        Map<String, Double> before = cpu.map(StackCpu::sample).orElse(Map.of());
        double loadAtStart = loadAverage();
        long start = System.nanoTime();
        LoadResult searches = work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double loadAtEnd = loadAverage();
        Map<String, Double> spent =
                cpu.map(c -> StackCpu.spent(before, c.sample())).orElse(Map.of());
        Phase phase = new Phase(name, seconds, searches, loadAtStart, loadAtEnd, spent);
        System.out.printf(
                Locale.ROOT,
                "%s: %.1f s, load %.2f -> %.2f%s%n",
                name,
                seconds,
                loadAtStart,
                loadAtEnd,
                searches == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", %d searches, p50 %.0f ms, p99 %.0f ms, %d degraded, %d errors",
                                searches.sent(),
                                LoadResult.percentileMillis(searches.latency(), 50),
                                LoadResult.percentileMillis(searches.latency(), 99),
                                searches.degraded(),
                                searches.errors()));
        return phase;
    }

    private static double loadAverage() {
        return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
    }

    private static Path runtimeDirFromEnvironment() {
        String dir = System.getenv("MAGPIE_RUNTIME_DIR");
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    static String defaultPrefix(ZonedDateTime now) {
        return "bench-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)) + "-";
    }

    private Path defaultFile() {
        return source == Source.scientific
                ? Path.of("../shared/datasets/amazon-scientific/Scientific.text")
                : Path.of("../shared/datasets/esci-subset/products.jsonl");
    }

    private Table searchTable(List<Phase> phases) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Phase phase : phases) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("phase", phase.name());
            row.put("seconds", phase.seconds());
            row.put("loadAtStart", phase.loadAtStart());
            row.put("loadAtEnd", phase.loadAtEnd());
            LoadResult s = phase.searches();
            if (s != null) {
                row.put("searches", s.sent());
                row.put("ok", s.ok());
                row.put("degraded", s.degraded());
                row.put("degradedBranches", s.degradedBranches().isEmpty() ? null : s.degradedBranches());
                row.put("errors", s.errors());
                row.put("throughput", s.throughput());
                row.put("p50", LoadResult.percentileMillis(s.latency(), 50));
                row.put("p95", LoadResult.percentileMillis(s.latency(), 95));
                row.put("p99", LoadResult.percentileMillis(s.latency(), 99));
                row.put(
                        "max",
                        s.latency().getTotalCount() == 0 ? null : s.latency().getMaxValue() / 1000.0);
                row.put("errorSamples", s.errorSamples().isEmpty() ? null : s.errorSamples());
            }
            rows.add(row);
        }
        return new Table(
                "Phases",
                List.of(
                        new Column("phase", "phase", "%s"),
                        new Column("seconds", "seconds", "%.1f"),
                        new Column("loadAtStart", "load avg at start", "%.2f"),
                        new Column("loadAtEnd", "load avg at end", "%.2f"),
                        new Column("searches", "searches", "%d"),
                        new Column("throughput", "searches/s", "%.1f"),
                        new Column("p50", "p50 ms", "%.0f"),
                        new Column("p95", "p95 ms", "%.0f"),
                        new Column("p99", "p99 ms", "%.0f"),
                        new Column("max", "max ms", "%.0f"),
                        new Column("degraded", "degraded", "%d"),
                        new Column("errors", "errors", "%d")),
                rows);
    }

    /** CPU seconds of each stack process per phase, and per product ingested during the ingest. */
    private static Table cpuTable(List<Phase> phases, long accepted) {
        Map<String, Map<String, Object>> byProcess = new LinkedHashMap<>();
        List<Column> columns = new ArrayList<>(List.of(new Column("process", "process", "%s")));
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            String column = "phase" + (i + 1);
            columns.add(new Column(column, "CPU s " + phase.name(), "%.1f"));
            phase.cpuSeconds()
                    .forEach((process, seconds) -> byProcess
                            .computeIfAbsent(process, p -> new LinkedHashMap<>(Map.of("process", p)))
                            .put(column, seconds));
            if (phase.name().equals("during ingest") && accepted > 0) {
                phase.cpuSeconds()
                        .forEach((process, seconds) ->
                                byProcess.get(process).put("msPerProduct", seconds * 1000 / accepted));
            }
        }
        columns.add(new Column("msPerProduct", "CPU ms per product during ingest", "%.1f"));
        return new Table("CPU by process", columns, new ArrayList<>(byProcess.values()));
    }

    private BenchReport report(
            BenchEnvironment environment,
            URI gateway,
            Path input,
            String prefix,
            int products,
            ChunkedIngest.Result result,
            double seconds,
            double committedSeconds,
            JsonNode status) {
        BenchReport report = new BenchReport(
                output.name(),
                "Bulk ingest through the gateway, and search during it",
                "`POST /api/v1/admin/products` (NDJSON) on the local stack, measured by `magpie-eval bench-ingest`: "
                        + "products sent in requests of a fixed size with a fixed number of requests in flight; each "
                        + "request is answered once PostgreSQL has committed its products (with their outbox rows), "
                        + "and retrieval-service's outbox worker then encodes them (encoder-service), upserts them "
                        + "into Milvus and delivers them to the graph. End-to-end throughput counts accepted products "
                        + "per second of wall time from the first request until the outbox is empty (no change "
                        + "pending); commit throughput until the last answer. With a search load, closed-loop "
                        + "clients search through `GET /api/v1/search` (no key, as a storefront) at rest before the "
                        + "ingest, during it and at rest after it.",
                environment);
        report.commandLine("bench-ingest", spec.commandLine().getParseResult().originalArgs());
        report.parameter("gateway", gateway)
                .parameter("products", products)
                .parameter("productsPerRequest", chunk)
                .parameter("concurrency", concurrency)
                .parameter("searchClients", searchClients)
                .parameter("searchSecondsAtRest", searchClients > 0 ? searchSeconds : null)
                .parameter("idPrefix", prefix)
                .parameter("kept", keep);
        report.data(
                "source",
                source + " (" + input + "), the first " + products + " items, each under the id "
                        + "<prefix><original id>");
        if (searchClients > 0) {
            report.data("queries", queriesFile + ", cycled in file order, from the first in every phase");
        }
        Histogram requestLatency = new Histogram(3);
        result.chunks().forEach(c -> requestLatency.recordValue(Math.max(1, Math.round(c.seconds() * 1e6))));
        Map<String, Object> total = new LinkedHashMap<>();
        total.put("products", products);
        total.put("accepted", result.accepted());
        total.put("rejected", result.rejected());
        total.put("requests", result.chunks().size());
        total.put("resent", result.resent());
        total.put("seconds", seconds);
        total.put("productsPerSecond", result.accepted() / seconds);
        total.put("commitSeconds", committedSeconds);
        total.put("commitPerSecond", result.accepted() / committedSeconds);
        total.put("requestP50", LoadResult.percentileMillis(requestLatency, 50) / 1000);
        total.put("requestMax", requestLatency.getMaxValue() / 1e6);
        total.put("deadLetters", status.path("deadLetters").asLong());
        total.put("pendingAtEnd", status.path("pending").asLong());
        report.table(new Table(
                "Throughput",
                List.of(
                        new Column("products", "products", "%d"),
                        new Column("accepted", "accepted", "%d"),
                        new Column("rejected", "rejected", "%d"),
                        new Column("requests", "requests", "%d"),
                        new Column("resent", "resent after 503", "%d"),
                        new Column("seconds", "seconds", "%.1f"),
                        new Column("productsPerSecond", "products/s end to end", "%.1f"),
                        new Column("commitSeconds", "seconds to commit", "%.1f"),
                        new Column("commitPerSecond", "products/s committed", "%.1f"),
                        new Column("requestP50", "p50 s/request", "%.2f"),
                        new Column("requestMax", "max s/request", "%.2f"),
                        new Column("deadLetters", "dead letters", "%d")),
                List.of(total)));
        report.note("Products under fresh ids (prefix `" + prefix + "`): the catalogue skips a product it already "
                + "holds unchanged (no encoding, no indexing), so re-sending known products would measure one "
                + "database select per batch. Unless kept, they are deleted at the end (as tombstones, which keep "
                + "their ids used), so every run still needs its own prefix (the default has the time in it).");
        if (source == Source.scientific) {
            report.note("The texts are Amazon Industrial & Scientific items (title, category path, brand), not ESCI "
                    + "products: copies of ESCI products would sit next to the judged originals in dense results "
                    + "and lower the ESCI search figures measured on the same stack. Their vector texts are about "
                    + "as long as ESCI's (the encoder's cost depends on length); they have no bullets or "
                    + "description, so the stored rows and lexical texts are shorter than ESCI's.");
        }
        if (searchClients > 0) {
            report.note("Searches: latency from send to answer of answered searches (full or degraded); degraded: "
                    + "the answer's `degraded` list named a branch; errors: no usable answer. The at-rest phase "
                    + "before the ingest searches the catalogue as it was then (on a stack without the demo "
                    + "catalogue: empty, so cheaper), the one after it the catalogue with the ingested products. "
                    + "The gateway's ranking and query-vector caches would answer repeated queries without the "
                    + "work: run the stack with them off (see ingest.md).");
        }
        report.note("CPU by process: user + system time from /proc of each process named by the stack's pid files, "
                + "with its child processes; magpie-eval is this load generator.");
        return report;
    }
}
