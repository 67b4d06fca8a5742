package io.magpie.eval.bench;

import io.magpie.api.catalog.Product;
import io.magpie.eval.bench.BenchReport.Column;
import io.magpie.eval.bench.BenchReport.Table;
import io.magpie.eval.bench.EncoderThroughput.BatchResult;
import io.magpie.eval.cli.EncoderOption;
import io.magpie.eval.cli.ReportOptions;
import io.magpie.eval.cli.TimeoutOption;
import io.magpie.eval.run.BenchEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Texts per second of encoder-service at several request batch sizes, on the same product texts. */
@Command(
        name = "bench-encoder",
        mixinStandardHelpOptions = true,
        description = "Measure encoder-service throughput (texts/s of POST /v1/encode) at several batch sizes.")
public class BenchEncoderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EncoderOption encoder;

    @Option(
            names = "--dataset",
            defaultValue = "../shared/datasets/esci-subset",
            description = "folder with products.jsonl; the texts are its first products' vector texts")
    Path dataset;

    @Option(names = "--texts", defaultValue = "256", description = "texts encoded at every batch size, every round")
    int textCount;

    @Option(
            names = "--batch-sizes",
            split = ",",
            defaultValue = "1,8,32,128",
            description = "texts per request (default: ${DEFAULT-VALUE}); ratios are relative to the first")
    List<Integer> batchSizes;

    @Option(
            names = "--model",
            description = "model to encode with, name or name@version, loaded on the service (default: its default)")
    String model;

    @Option(names = "--rounds", defaultValue = "2", description = "passes over the texts at each batch size")
    int rounds;

    @Option(names = "--warmup", defaultValue = "32", description = "texts encoded unmeasured first, at each size")
    int warmup;

    @Mixin
    TimeoutOption timeout = new TimeoutOption(120);

    @Mixin
    ReportOptions output = new ReportOptions("docs/benchmarks", "encoder");

    @Override
    public Integer call() throws Exception {
        Loopback.require(spec, "--encoder", encoder.uri());
        if (textCount < 1
                || textCount > 10_000
                || rounds < 1
                || rounds > 20
                || warmup < 0
                || batchSizes.isEmpty()
                || batchSizes.stream().anyMatch(b -> b < 1 || b > 256)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--texts must be 1..10000, --rounds 1..20, "
                            + "--warmup >= 0, --batch-sizes 1..256 (encoder-service's default request limit)");
        }
        if (textCount < batchSizes.stream().mapToInt(Integer::intValue).max().orElse(1)) {
            throw new ParameterException(spec.commandLine(), "--texts must be at least the largest batch size");
        }
        List<String> texts = BenchData.esciProducts(dataset.resolve("products.jsonl"), textCount).stream()
                .map(Product::embeddingText)
                .toList();
        BenchEnvironment environment = BenchEnvironment.capture();
        EncoderEndpoint service = new EncoderEndpoint(encoder.uri(), timeout.duration(), model);
        List<BatchResult> results = new EncoderThroughput(service).run(texts, batchSizes, rounds, warmup);
        for (BatchResult r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "batch %3d: %6.1f texts/s (%d requests, %.1f s, p50 %.1f ms/request)%n",
                    r.batchSize(),
                    r.textsPerSecond(),
                    r.requests(),
                    r.seconds(),
                    r.latency().getValueAtPercentile(50) / 1000.0);
        }
        BenchReport report = report(environment, texts, results, service);
        System.out.println("reports: " + report.write(output.folder()));
        return 0;
    }

    private BenchReport report(
            BenchEnvironment environment, List<String> texts, List<BatchResult> results, EncoderEndpoint service) {
        BenchReport report = new BenchReport(
                output.name(),
                "Encoder throughput by batch size",
                "`POST /v1/encode` of encoder-service on the local stack, measured by `magpie-eval bench-encoder`: "
                        + "the same product texts encoded in requests of each batch size, one request at a time, "
                        + "the sizes interleaved over rounds. Throughput counts texts per second of request time; "
                        + "the ratio is relative to batch size " + batchSizes.get(0) + ".",
                environment);
        report.commandLine("bench-encoder", spec.commandLine().getParseResult().originalArgs());
        double meanChars = texts.stream().mapToInt(String::length).average().orElse(0);
        double meanWords =
                texts.stream().mapToInt(t -> t.split("\\s+").length).average().orElse(0);
        report.parameter("encoder", encoder.uri())
                .parameter("batchSizes", batchSizes)
                .parameter("rounds", rounds)
                .parameter("warmupTextsPerSize", warmup)
                .parameter("kind", "document")
                .parameter("requestedModel", model)
                .parameter("concurrency", 1);
        report.data(
                        "texts",
                        texts.size() + " product vector texts (title, brand, colour, category; "
                                + "Product.embeddingText) of the first products of "
                                + dataset.resolve("products.jsonl"))
                .data("meanCharacters", Math.round(meanChars * 10) / 10.0)
                .data("meanWords", Math.round(meanWords * 10) / 10.0)
                .data("truncatedByEncoder", service.truncated())
                .data("model", service.model());
        report.table(new Table(
                "Throughput",
                List.of(
                        new Column("batchSize", "batch size", "%d"),
                        new Column("requests", "requests", "%d"),
                        new Column("texts", "texts", "%d"),
                        new Column("textsPerSecond", "texts/s", "%.1f"),
                        new Column("ratio", "× batch " + batchSizes.get(0), "%.2f"),
                        new Column("msPerText", "ms/text", "%.2f"),
                        new Column("requestP50", "p50 ms/request", "%.1f"),
                        new Column("requestP99", "p99 ms/request", "%.1f")),
                EncoderThroughput.rows(results)));
        report.note("encoder-service queues the texts of all requests, sorts what is waiting by length and splits "
                + "it into forward passes of at most `magpie.encoder.max-batch-size` texts (32 by default), one pass "
                + "at a time (`max-concurrent-batches` 1); a pass is padded to its longest text. So a request of 128 "
                + "texts is four passes of 32: beyond 32 the gain comes from fewer HTTP round trips and from less "
                + "padding (more texts to group by length), not from bigger passes. Here one request runs at a time, "
                + "so no cross-request batching happens; see encoder-serving.md for latency under concurrency and "
                + "encoder-forward.md for DJL against ONNX Runtime in-process.");
        report.note("Client and encoder share the machine's cores; JSON of 384 floats per vector is parsed by the "
                + "client for every answer.");
        return report;
    }
}
