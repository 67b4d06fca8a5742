package io.magpie.eval.bench;

import io.magpie.api.catalog.Product;
import io.magpie.eval.bench.BenchReport.Column;
import io.magpie.eval.bench.BenchReport.Table;
import io.magpie.eval.cli.GatewayOption;
import io.magpie.eval.cli.KeyOptions;
import io.magpie.eval.cli.ReportOptions;
import io.magpie.eval.cli.TimeoutOption;
import io.magpie.eval.http.JsonHttp;
import io.magpie.eval.run.BenchEnvironment;
import java.net.URI;
import java.nio.file.Files;
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
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Behaviour events stored per second, in batches, through the gateway ({@code POST /api/v1/events}) and directly to
 * fusion-service ({@code POST /v1/events}), at a few concurrencies. Every event has a fresh id (a run's prefix), so
 * each is really written; they are deleted again at the end (admin key), unless {@code --keep}.
 */
@Command(
        name = "bench-events",
        mixinStandardHelpOptions = true,
        description = "Measure event ingest (events/s of POST /api/v1/events and fusion-service's /v1/events).")
public class BenchEventsCommand implements Callable<Integer> {

    enum Target {
        gateway,
        fusion
    }

    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOption gateway;

    @Option(
            names = "--fusion",
            defaultValue = "http://127.0.0.1:8084",
            description = "fusion-service base URL (default: ${DEFAULT-VALUE}; loopback only)")
    URI fusion;

    @Mixin
    KeyOptions key;

    @Option(
            names = "--targets",
            split = ",",
            defaultValue = "gateway,fusion",
            description = "where to send: gateway, fusion or both (default: ${DEFAULT-VALUE})")
    List<Target> targets;

    @Option(
            names = "--concurrency",
            split = ",",
            defaultValue = "1,4,16",
            description = "clients sending at once, one level each (default: ${DEFAULT-VALUE})")
    List<Integer> concurrency;

    @Option(
            names = "--batch-size",
            defaultValue = "100",
            description = "events per request (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--batches", defaultValue = "200", description = "requests per level (default: ${DEFAULT-VALUE})")
    int batches;

    @Option(
            names = "--warmup-batches",
            defaultValue = "30",
            description = "requests per target before measuring, not counted (default: ${DEFAULT-VALUE})")
    int warmupBatches;

    @Option(names = "--users", defaultValue = "200", description = "shoppers the events come from")
    int users;

    @Option(
            names = "--products-file",
            defaultValue = "../shared/datasets/esci-subset/products.jsonl",
            description = "ESCI products whose ids the events name (the demo catalogue); without it, made-up ids "
                    + "the catalogue does not know")
    Path productsFile;

    @Option(names = "--products", defaultValue = "2000", description = "how many of those products")
    int productCount;

    @Option(names = "--keep", description = "leave the benchmark's events stored (default: delete them)")
    boolean keep;

    @Mixin
    TimeoutOption timeout = new TimeoutOption(60);

    @Mixin
    ReportOptions output = new ReportOptions("docs/benchmarks", "events");

    @Override
    public Integer call() throws Exception {
        URI gatewayUri = Loopback.require(spec, "--gateway", gateway.uri());
        URI fusionUri = Loopback.require(spec, "--fusion", fusion);
        if (batchSize < 1
                || batches < 1
                || warmupBatches < 0
                || users < 1
                || productCount < 1
                || concurrency.stream().anyMatch(c -> c < 1 || c > 256)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--batch-size, --batches, --users and --products must be "
                            + ">= 1, --warmup-batches >= 0, each --concurrency 1..256");
        }
        String adminKey = keep ? null : key.required();
        String prefix = "bench-"
                + ZonedDateTime.now(ZoneOffset.UTC)
                        .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT))
                + "-";
        boolean catalogueIds = Files.isRegularFile(productsFile);
        List<String> products = catalogueIds
                ? BenchData.esciProducts(productsFile, productCount).stream()
                        .map(Product::id)
                        .toList()
                : IntStream.range(0, productCount)
                        .mapToObj(i -> prefix + "product-" + i)
                        .toList();
        BenchEnvironment environment = BenchEnvironment.capture();
        JsonHttp toGateway = JsonHttp.to(gatewayUri).http1().build();
        JsonHttp toFusion = JsonHttp.to(fusionUri).http1().build();
        EventBatches make = new EventBatches(toGateway.json(), products, users, prefix, 12);

        List<EventLoad.Result> results = new ArrayList<>();
        for (Target target : targets) {
            EventLoad load = target == Target.gateway
                    ? new EventLoad(toGateway, "/api/v1/events", timeout.duration())
                    : new EventLoad(toFusion, "/v1/events", timeout.duration());
            if (warmupBatches > 0) {
                load.run(target.name(), 4, make.batches(target + "-warmup", warmupBatches, batchSize));
            }
            for (int clients : concurrency) {
                EventLoad.Result result =
                        load.run(target.name(), clients, make.batches(target + "-c" + clients, batches, batchSize));
                results.add(result);
                System.out.printf(
                        Locale.ROOT,
                        "%-8s concurrency %3d: %d events in %.1f s = %.0f events/s "
                                + "(accepted %d, duplicate %d, rejected %d, failed batches %d), batch p50 %.1f ms, "
                                + "p99 %.1f ms%n",
                        target,
                        clients,
                        result.events(),
                        result.seconds(),
                        result.eventsPerSecond(),
                        result.accepted(),
                        result.duplicates(),
                        result.rejected(),
                        result.failedBatches(),
                        LoadResult.percentileMillis(result.latency(), 50),
                        LoadResult.percentileMillis(result.latency(), 99));
                result.errorSamples().forEach(error -> System.err.println("  failed: " + error));
            }
        }
        long deleted = keep ? 0 : deleteBenchmarkEvents(gatewayUri, adminKey, prefix);
        BenchReport report =
                report(environment, gatewayUri, fusionUri, prefix, catalogueIds, products.size(), results, deleted);
        System.out.println("reports: " + report.write(output.folder()));
        return results.stream().allMatch(r -> r.failedBatches() == 0 && r.rejected() == 0) ? 0 : 1;
    }

    /** The benchmark's shoppers' events, deleted through the gateway's privacy endpoint; answers how many. */
    private long deleteBenchmarkEvents(URI gatewayUri, String adminKey, String prefix) throws Exception {
        JsonHttp admin = JsonHttp.to(gatewayUri).key(adminKey).http1().build();
        long deleted = 0;
        for (int user = 0; user < users; user++) {
            deleted += admin.delete(
                            "/api/v1/admin/users/" + EventBatches.userId(prefix, user) + "/events",
                            Duration.ofMinutes(5))
                    .path("deletedEvents")
                    .asLong();
        }
        System.out.printf("deleted the benchmark's %d events again%n", deleted);
        return deleted;
    }

    private BenchReport report(
            BenchEnvironment environment,
            URI gatewayUri,
            URI fusionUri,
            String prefix,
            boolean catalogueIds,
            int products,
            List<EventLoad.Result> results,
            long deleted) {
        BenchReport report = new BenchReport(
                output.name(),
                "Behaviour event ingest",
                "`POST /api/v1/events` through the gateway and `POST /v1/events` on fusion-service directly, on the "
                        + "local stack, measured by `magpie-eval bench-events`: JSON arrays of " + batchSize
                        + " events with fresh ids, sent by a closed loop of clients (each sends its next batch when "
                        + "the previous one is answered, that is once its events are committed to PostgreSQL). "
                        + "Events/s counts stored events (accepted + duplicate) per second of wall time of a level; "
                        + "latency is per batch.",
                environment);
        report.commandLine("bench-events", spec.commandLine().getParseResult().originalArgs());
        report.parameter("gateway", gatewayUri)
                .parameter("fusion", fusionUri)
                .parameter("eventsPerBatch", batchSize)
                .parameter("batchesPerLevel", batches)
                .parameter("warmupBatchesPerTarget", warmupBatches)
                .parameter("idPrefix", prefix);
        report.data(
                        "events",
                        "synthetic: " + users + " shoppers (a session each), 70% views, 20% clicks (with request "
                                + "id and position), 7% add-to-carts, 3% purchases (quantity, price), stamped within the last "
                                + "hour")
                .data(
                        "products",
                        catalogueIds
                                ? products + " product ids of the ESCI demo catalogue (" + productsFile
                                        + "): known to the catalogue, so after the first look-ups fusion-service asks it nothing"
                                : products + " made-up product ids the catalogue does not know: every batch asks it");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EventLoad.Result r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("target", r.target());
            row.put("concurrency", r.concurrency());
            row.put("batches", r.batches());
            row.put("events", r.events());
            row.put("accepted", r.accepted());
            row.put("duplicates", r.duplicates());
            row.put("rejected", r.rejected());
            row.put("failedBatches", r.failedBatches());
            row.put("seconds", r.seconds());
            row.put("eventsPerSecond", r.eventsPerSecond());
            row.put("p50", LoadResult.percentileMillis(r.latency(), 50));
            row.put("p99", LoadResult.percentileMillis(r.latency(), 99));
            row.put("max", r.latency().getTotalCount() == 0 ? null : r.latency().getMaxValue() / 1000.0);
            rows.add(row);
        }
        report.table(new Table(
                "Throughput",
                List.of(
                        new Column("target", "target", "%s"),
                        new Column("concurrency", "clients", "%d"),
                        new Column("batches", "batches", "%d"),
                        new Column("events", "events", "%d"),
                        new Column("accepted", "accepted", "%d"),
                        new Column("rejected", "rejected", "%d"),
                        new Column("failedBatches", "failed batches", "%d"),
                        new Column("seconds", "seconds", "%.1f"),
                        new Column("eventsPerSecond", "events/s", "%.0f"),
                        new Column("p50", "p50 ms/batch", "%.1f"),
                        new Column("p99", "p99 ms/batch", "%.1f"),
                        new Column("max", "max ms/batch", "%.1f")),
                rows));
        report.note("Goal (issue 12): >= 5,000 events/s in batches of 100 on this machine.");
        report.note(
                deleted > 0
                        ? "The benchmark's " + deleted + " events were deleted again at the end "
                                + "(DELETE /api/v1/admin/users/{userId}/events for its shoppers), so they do not feed popularity."
                        : "The benchmark's events were kept (--keep), under user ids starting with `" + prefix + "`.");
        return report;
    }
}
