package io.magpie.eval.kg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.eval.bench.BenchReport;
import io.magpie.eval.cli.ReportOptions;
import io.magpie.eval.esci.EsciJudgements;
import io.magpie.eval.run.BenchEnvironment;
import java.io.BufferedReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Expansion latency of kg-service on the ESCI catalogue and on synthetic graphs of growing size, each request kind
 * measured one after the other by one client (latency, not throughput). Writes the graph itself through kg-service's
 * API, so point it at a kg-service with its own Neo4j, not at a stack whose graph matters.
 */
@Command(
        name = "bench-kg",
        mixinStandardHelpOptions = true,
        description = "Loads the ESCI catalogue and synthetic graphs into kg-service and measures /v1/expand latency.")
public class BenchKgCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--kg", defaultValue = "http://127.0.0.1:8083", description = "kg-service base URL")
    URI kg;

    @Option(
            names = "--dataset",
            defaultValue = "../shared/datasets/esci-subset",
            description = "ESCI subset folder (products.jsonl, queries.tsv, labels.tsv)")
    Path dataset;

    @Option(names = "--skip-esci", description = "measure synthetic graphs only")
    boolean skipEsci;

    @Option(
            names = "--sizes",
            split = ",",
            defaultValue = "100000,1000000",
            description = "synthetic graph sizes in products, ascending (each extends the previous)")
    List<Long> sizes;

    @Option(
            names = "--load-budget-minutes",
            defaultValue = "20",
            description = "stop loading a synthetic size after this long and measure what is loaded")
    int loadBudgetMinutes;

    @Option(names = "--requests", defaultValue = "300", description = "measured requests per kind and graph")
    int requests;

    @Option(names = "--warmup", defaultValue = "50", description = "unmeasured requests per kind and graph")
    int warmup;

    @Option(names = "--k", defaultValue = "100", description = "candidates asked for")
    int k;

    @Mixin
    ReportOptions output = new ReportOptions("docs/benchmarks", "kg");

    private final ObjectMapper json = new ObjectMapper();
    private final List<Map<String, Object>> latencyRows = new ArrayList<>();
    private final List<Map<String, Object>> loadRows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** One kind of expansion request, and how to make its i-th instance. */
    private record RequestKind(String name, java.util.function.IntFunction<Map<String, Object>> request) {}

    @Override
    public Integer call() throws Exception {
        if (requests < 1 || warmup < 0 || k < 1 || k > 1000 || sizes.stream().anyMatch(s -> s < 1)) {
            throw new ParameterException(spec.commandLine(), "--requests >= 1, --warmup >= 0, --k 1..1000, sizes >= 1");
        }
        BenchEnvironment environment = BenchEnvironment.capture();
        GraphEndpoint service = new GraphEndpoint(kg, Duration.ofMinutes(2));
        if (!skipEsci) {
            esci(service);
        }
        long loaded = 0;
        for (long size : sizes) {
            loaded = loadSynthetic(service, loaded, size);
            measure(
                    service,
                    "synthetic",
                    loaded,
                    loaded * SyntheticGraph.RELATIONS_PER_PRODUCT,
                    syntheticKinds(loaded));
            if (loaded < size) {
                notes.add("Loading stopped at " + loaded + " of " + size + " products after the load budget of "
                        + loadBudgetMinutes + " minutes; the latency row is for the graph as loaded.");
                break;
            }
        }
        BenchReport report = new BenchReport(
                output.name(),
                "Knowledge graph expansion latency",
                "Latency of kg-service's POST /v1/expand, measured by one client sending one request at a time "
                        + "(so the figures are service time, not throughput), on the ESCI subset's catalogue and on "
                        + "synthetic graphs of 10 relations per product. Kinds: the query text alone (brand, "
                        + "category and colour names matched by the dictionary), 5 seed products alone, and text + "
                        + "5 seeds + 5 history products together; k = " + k + ". Graphs are written through "
                        + "kg-service's own API (batched UNWIND writes), which also gives the load rate.",
                environment);
        report.parameter("requestsPerKind", requests)
                .parameter("warmupPerKind", warmup)
                .parameter("k", k)
                .parameter("sizes", sizes)
                .parameter("loadBudgetMinutes", loadBudgetMinutes);
        report.data("esci", skipEsci ? null : dataset.toString());
        report.data(
                "synthetic",
                "per product: MADE_BY 1 of " + SyntheticGraph.BRANDS + " brands, IN_CATEGORY 1 of "
                        + SyntheticGraph.LEAVES + " leaves (3 levels), HAS 3 attribute values, ALSO_BOUGHT "
                        + SyntheticGraph.ALSO_BOUGHT_PER_PRODUCT + " links to random earlier products");
        report.table(new BenchReport.Table(
                "Expansion latency",
                List.of(
                        new BenchReport.Column("graph", "graph", null),
                        new BenchReport.Column("products", "products", "%,d"),
                        new BenchReport.Column("relations", "relations", "%,d"),
                        new BenchReport.Column("request", "request", null),
                        new BenchReport.Column("p50Ms", "p50 ms", "%.1f"),
                        new BenchReport.Column("p99Ms", "p99 ms", "%.1f"),
                        new BenchReport.Column("meanMs", "mean ms", "%.1f"),
                        new BenchReport.Column("meanCandidates", "candidates (mean)", "%.0f")),
                latencyRows));
        report.table(new BenchReport.Table(
                "Load",
                List.of(
                        new BenchReport.Column("graph", "graph", null),
                        new BenchReport.Column("products", "products added", "%,d"),
                        new BenchReport.Column("relations", "relations added", "%,d"),
                        new BenchReport.Column("seconds", "seconds", "%.0f"),
                        new BenchReport.Column("productsPerSecond", "products/s", "%.0f"),
                        new BenchReport.Column("relationsPerSecond", "relations/s", "%.0f")),
                loadRows));
        notes.forEach(report::note);
        report.commandLine("bench-kg", spec.commandLine().getParseResult().originalArgs());
        System.out.println(report.markdown());
        System.out.println("reports: " + report.write(output.folder()));
        return 0;
    }

    private void esci(GraphEndpoint service) throws Exception {
        List<Map<String, Object>> products = new ArrayList<>();
        long relations = 0;
        try (BufferedReader lines =
                Files.newBufferedReader(dataset.resolve("products.jsonl"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode esci = json.readTree(line);
                Map<String, Object> product = new LinkedHashMap<>();
                product.put("id", esci.path("asin").asText());
                product.put("title", esci.path("title").asText(""));
                String brand = esci.path("brand").asText("");
                product.put("brand", brand.isBlank() ? null : brand);
                List<String> category = new ArrayList<>();
                esci.path("category").forEach(c -> category.add(c.asText()));
                product.put("category", category);
                String color = esci.path("color").asText("");
                product.put("attributes", color.isBlank() ? Map.of() : Map.of("color", List.of(color)));
                relations += (brand.isBlank() ? 0 : 1) + (category.isEmpty() ? 0 : 1) + (color.isBlank() ? 0 : 1);
                products.add(product);
            }
        }
        long started = System.nanoTime();
        for (int from = 0; from < products.size(); from += 1000) {
            service.putProducts(products.subList(from, Math.min(products.size(), from + 1000)));
        }
        addLoadRow("ESCI subset", products.size(), relations, System.nanoTime() - started);

        EsciJudgements judgements = EsciJudgements.read(dataset);
        List<String> ids = products.stream().map(p -> (String) p.get("id")).toList();
        List<String> queries = judgements.queries();
        SplittableRandom random = new SplittableRandom(42);
        List<List<String>> seeds = new ArrayList<>();
        List<List<String>> histories = new ArrayList<>();
        for (String query : queries) {
            // the judged products stand in for the dense hits the gateway would send
            seeds.add(judgements.labels().getOrDefault(query, Map.of()).keySet().stream()
                    .limit(5)
                    .toList());
            histories.add(random.ints(5, 0, ids.size()).mapToObj(ids::get).toList());
        }
        measure(
                service,
                "ESCI subset",
                products.size(),
                relations,
                List.of(
                        new RequestKind("query text", i -> request(queries.get(i % queries.size()), null, null)),
                        new RequestKind("5 seeds", i -> request(null, seeds.get(i % queries.size()), null)),
                        new RequestKind(
                                "text + 5 seeds + 5 history",
                                i -> request(
                                        queries.get(i % queries.size()),
                                        seeds.get(i % queries.size()),
                                        histories.get(i % queries.size())))));
    }

    /** Loads products [from, to) and their links; returns how far it got within the budget. */
    private long loadSynthetic(GraphEndpoint service, long from, long to) throws Exception {
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(loadBudgetMinutes).toNanos();
        long next = from;
        while (next < to && System.nanoTime() < deadline) {
            long end = Math.min(to, next + 1000);
            List<Map<String, Object>> batch = new ArrayList<>();
            List<Map<String, Object>> edges = new ArrayList<>();
            for (long i = next; i < end; i++) {
                batch.add(SyntheticGraph.product(i));
                edges.addAll(SyntheticGraph.alsoBought(i));
            }
            service.putProducts(batch);
            service.putAlsoBought(edges);
            next = end;
            if (next % 50_000 == 0) {
                double seconds = (System.nanoTime() - started) / 1e9;
                System.err.printf("loaded %,d products (%.0f products/s)%n", next, (next - from) / seconds);
            }
        }
        addLoadRow(
                "synthetic " + from + ".." + next,
                next - from,
                (next - from) * SyntheticGraph.RELATIONS_PER_PRODUCT,
                System.nanoTime() - started);
        return next;
    }

    private List<RequestKind> syntheticKinds(long size) {
        return List.of(
                new RequestKind("query text", i -> request(syntheticText(i), null, null)),
                new RequestKind("5 seeds", i -> request(null, syntheticIds(i, size, 1), null)),
                new RequestKind(
                        "text + 5 seeds + 5 history",
                        i -> request(syntheticText(i), syntheticIds(i, size, 1), syntheticIds(i, size, 2))));
    }

    /** A query naming a brand, a leaf category and a colour, plus a word the dictionary does not know. */
    private static String syntheticText(int i) {
        SplittableRandom random = new SplittableRandom(i * 31L + 7);
        return SyntheticGraph.brand(random.nextInt(SyntheticGraph.BRANDS)) + " "
                + SyntheticGraph.leaf(random.nextInt(SyntheticGraph.LEAVES)) + " "
                + SyntheticGraph.color(random.nextInt(30)) + " shoes";
    }

    private static List<String> syntheticIds(int i, long size, int salt) {
        SplittableRandom random = new SplittableRandom(i * 1_000_003L + salt);
        List<String> ids = new ArrayList<>(5);
        for (int s = 0; s < 5; s++) {
            ids.add(SyntheticGraph.id(random.nextLong(size)));
        }
        return ids;
    }

    private Map<String, Object> request(String query, List<String> seeds, List<String> history) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", query);
        request.put("productIds", seeds);
        request.put("history", history);
        request.put("k", k);
        return request;
    }

    private void measure(GraphEndpoint service, String graph, long products, long relations, List<RequestKind> kinds)
            throws Exception {
        for (RequestKind kind : kinds) {
            for (int i = 0; i < warmup; i++) {
                service.expand(kind.request().apply(requests + i));
            }
            Histogram micros = new Histogram(600_000_000L, 3);
            long candidates = 0;
            for (int i = 0; i < requests; i++) {
                Map<String, Object> request = kind.request().apply(i);
                long started = System.nanoTime();
                JsonNode answer = service.expand(request);
                micros.recordValue(Math.max(1, (System.nanoTime() - started) / 1_000));
                candidates += answer.path("candidates").size();
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("graph", graph);
            row.put("products", products);
            row.put("relations", relations);
            row.put("request", kind.name());
            row.put("p50Ms", micros.getValueAtPercentile(50) / 1000.0);
            row.put("p99Ms", micros.getValueAtPercentile(99) / 1000.0);
            row.put("meanMs", micros.getMean() / 1000.0);
            row.put("meanCandidates", candidates / (double) requests);
            latencyRows.add(row);
            System.err.printf(
                    "%s, %s: p50 %.1f ms, p99 %.1f ms%n",
                    graph,
                    kind.name(),
                    micros.getValueAtPercentile(50) / 1000.0,
                    micros.getValueAtPercentile(99) / 1000.0);
        }
    }

    private void addLoadRow(String graph, long products, long relations, long nanos) {
        double seconds = nanos / 1e9;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("graph", graph);
        row.put("products", products);
        row.put("relations", relations);
        row.put("seconds", seconds);
        row.put("productsPerSecond", products / seconds);
        row.put("relationsPerSecond", relations / seconds);
        loadRows.add(row);
    }
}
