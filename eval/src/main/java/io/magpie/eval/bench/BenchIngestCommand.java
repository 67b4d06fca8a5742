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
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Products per second of bulk ingest through the gateway's admin API, end to end: commit to PostgreSQL, then
 * encode, index in Milvus and deliver to the graph through the outbox. The catalogue skips products it already
 * holds unchanged, so every run sends products under ids it has not seen (a fresh prefix per run), and deletes
 * them at the end.
 */
@Command(
        name = "bench-ingest",
        mixinStandardHelpOptions = true,
        description = "Measure bulk ingest (products/s of POST /api/v1/admin/products) with products under fresh ids.")
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
                    + "(the ESCI products again, which puts near-duplicates of judged products into the catalogue)")
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

    @Option(names = "--id-prefix", description = "prefix of the fresh ids (default: bench-<UTC time>-)")
    String idPrefix;

    @Mixin
    TimeoutOption timeout = new TimeoutOption(600);

    @Mixin
    ReportOptions output = new ReportOptions("docs/benchmarks", "ingest");

    /** One request's outcome. */
    record Chunk(int products, long accepted, long rejected, double seconds) {}

    @Override
    public Integer call() throws Exception {
        URI gateway = Loopback.require(spec, "--gateway", this.gateway.uri());
        if (count < 1 || count > MAX_PRODUCTS || chunk < 1 || chunk > count || timeout.seconds() < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--count must be 1.." + MAX_PRODUCTS + ", --chunk 1..count, --timeout >= 1");
        }
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
        BenchEnvironment environment = BenchEnvironment.capture();
        GatewayClient client =
                new GatewayClient(JsonHttp.to(gateway).key(key).http1().build());

        List<Chunk> chunks = new ArrayList<>();
        Histogram requestLatency = new Histogram(3);
        long start = System.nanoTime();
        for (int from = 0; from < products.size(); from += chunk) {
            List<Product> part = products.subList(from, Math.min(products.size(), from + chunk));
            long sent = System.nanoTime();
            JsonNode result = client.ingest(part, timeout.duration());
            double seconds = (System.nanoTime() - sent) / 1e9;
            requestLatency.recordValue(Math.max(1, Math.round(seconds * 1e6)));
            Chunk done = new Chunk(
                    part.size(),
                    result.path("accepted").asLong(),
                    result.path("rejected").asLong(),
                    seconds);
            chunks.add(done);
            result.path("errors").forEach(e -> System.err.println("  rejected: " + e));
            System.out.printf(
                    Locale.ROOT,
                    "ingested %d of %d products: %d accepted, %d rejected, %.1f s, " + "%.1f products/s%n",
                    from + part.size(),
                    products.size(),
                    done.accepted(),
                    done.rejected(),
                    seconds,
                    part.size() / seconds);
        }
        double committedSeconds = (System.nanoTime() - start) / 1e9;
        // the answers come once PostgreSQL has committed; encoding and indexing follow through the outbox
        client.awaitIndexed(Duration.ofHours(2));
        double seconds = (System.nanoTime() - start) / 1e9;
        long accepted = chunks.stream().mapToLong(Chunk::accepted).sum();
        System.out.printf(
                Locale.ROOT,
                "%d products committed in %.1f s (%.1f products/s), indexed in %.1f s: "
                        + "%.1f products/s end to end (ids %s...)%n",
                accepted,
                committedSeconds,
                accepted / committedSeconds,
                seconds,
                accepted / seconds,
                prefix);
        // removed again, so that runs do not make the catalogue grow
        client.delete(products.stream().map(Product::id).toList(), timeout.duration());
        client.awaitIndexed(Duration.ofHours(1));
        BenchReport report = report(
                environment,
                gateway,
                input,
                prefix,
                products.size(),
                chunks,
                seconds,
                requestLatency,
                committedSeconds);
        System.out.println("reports: " + report.write(output.folder()));
        return chunks.stream().allMatch(c -> c.rejected() == 0) ? 0 : 1;
    }

    static String defaultPrefix(ZonedDateTime now) {
        return "bench-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)) + "-";
    }

    private Path defaultFile() {
        return source == Source.scientific
                ? Path.of("../shared/datasets/amazon-scientific/Scientific.text")
                : Path.of("../shared/datasets/esci-subset/products.jsonl");
    }

    private BenchReport report(
            BenchEnvironment environment,
            URI gateway,
            Path input,
            String prefix,
            int products,
            List<Chunk> chunks,
            double seconds,
            Histogram requestLatency,
            double committedSeconds) {
        BenchReport report = new BenchReport(
                output.name(),
                "Bulk ingest through the gateway",
                "`POST /api/v1/admin/products` (NDJSON) on the local stack, measured by `magpie-eval bench-ingest`: "
                        + "products sent in requests of a fixed size, one request at a time; each request is "
                        + "answered once PostgreSQL has committed its products (with their outbox rows), and "
                        + "retrieval-service's outbox worker then encodes them (encoder-service), upserts them into "
                        + "Milvus and delivers them to the graph. End-to-end throughput counts accepted products per "
                        + "second of wall time from the first request until the outbox is empty; commit throughput "
                        + "until the last answer. The products are deleted again afterwards.",
                environment);
        report.commandLine("bench-ingest", spec.commandLine().getParseResult().originalArgs());
        report.parameter("gateway", gateway)
                .parameter("products", products)
                .parameter("productsPerRequest", chunk)
                .parameter("concurrency", 1)
                .parameter("idPrefix", prefix);
        report.data(
                        "source",
                        source + " (" + input + "), the first " + products + " items, each under the id "
                                + "<prefix><original id>")
                .data(
                        "catalogue",
                        "the local stack's catalogue (the ESCI subset, 6,764 products); the benchmark's "
                                + "products are deleted again at the end");
        long accepted = chunks.stream().mapToLong(Chunk::accepted).sum();
        long rejected = chunks.stream().mapToLong(Chunk::rejected).sum();
        Map<String, Object> total = new LinkedHashMap<>();
        total.put("products", products);
        total.put("accepted", accepted);
        total.put("rejected", rejected);
        total.put("requests", chunks.size());
        total.put("seconds", seconds);
        total.put("productsPerSecond", accepted / seconds);
        total.put("commitSeconds", committedSeconds);
        total.put("commitPerSecond", accepted / committedSeconds);
        total.put("requestP50", LoadResult.percentileMillis(requestLatency, 50) / 1000);
        total.put("requestMax", requestLatency.getMaxValue() / 1e6);
        report.table(new Table(
                "Throughput",
                List.of(
                        new Column("products", "products", "%d"),
                        new Column("accepted", "accepted", "%d"),
                        new Column("rejected", "rejected", "%d"),
                        new Column("requests", "requests", "%d"),
                        new Column("seconds", "seconds", "%.1f"),
                        new Column("productsPerSecond", "products/s end to end", "%.1f"),
                        new Column("commitSeconds", "seconds to commit", "%.1f"),
                        new Column("commitPerSecond", "products/s committed", "%.1f"),
                        new Column("requestP50", "p50 s/request", "%.2f"),
                        new Column("requestMax", "max s/request", "%.2f")),
                List.of(total)));
        List<Map<String, Object>> perRequest = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("request", i + 1);
            row.put("products", c.products());
            row.put("accepted", c.accepted());
            row.put("seconds", c.seconds());
            row.put("productsPerSecond", c.products() / c.seconds());
            perRequest.add(row);
        }
        report.table(new Table(
                "Per request",
                List.of(
                        new Column("request", "request", "%d"),
                        new Column("products", "products", "%d"),
                        new Column("accepted", "accepted", "%d"),
                        new Column("seconds", "seconds", "%.2f"),
                        new Column("productsPerSecond", "products/s", "%.1f")),
                perRequest));
        report.note("Products under fresh ids (prefix `" + prefix + "`): the catalogue skips a product it already "
                + "holds unchanged (no encoding, no indexing), so re-sending known products would measure one "
                + "database select per batch. They are deleted at the end (as tombstones, which keep their ids "
                + "used), so every run still needs its own prefix (the default has the time in it).");
        if (source == Source.scientific) {
            report.note("The texts are Amazon Industrial & Scientific items (title, category path, brand), not ESCI "
                    + "products: copies of ESCI products would sit next to the judged originals in dense results "
                    + "and lower the ESCI search figures measured on the same stack. Their vector texts are about "
                    + "as long as ESCI's (the encoder's cost depends on length); they have no bullets or "
                    + "description, so the stored rows and lexical texts are shorter than ESCI's.");
        }
        report.note("The encoder dominates on CPU: compare with encoder.md (texts/s at batch 32).");
        return report;
    }
}
