package io.magpie.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.eval.cli.GatewayOption;
import io.magpie.eval.cli.KeyOptions;
import io.magpie.eval.esci.EsciProduct;
import io.magpie.eval.http.GatewayClient;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Loads a product file into Magpie through the gateway's admin API, in chunks, with progress. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Load products (JSON lines) into a running Magpie through the gateway's admin API.")
public class IngestCommand implements Callable<Integer> {

    enum Format {
        magpie,
        esci
    }

    @Mixin
    GatewayOption gateway;

    @Mixin
    KeyOptions key;

    @Option(names = "--file", required = true, description = "products, one JSON object per line")
    Path file;

    @Option(
            names = "--format",
            defaultValue = "magpie",
            description = "magpie (our product JSON) or esci (the ESCI data set's products.jsonl)")
    Format format;

    @Option(names = "--chunk", defaultValue = "1000", description = "products per request")
    int chunk;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        GatewayClient client = new GatewayClient(gateway.uri(), key.required());
        long total = 0;
        long accepted = 0;
        long rejected = 0;
        long start = System.nanoTime();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            int inBatch = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                batch.write(convert(line).getBytes(StandardCharsets.UTF_8));
                batch.write('\n');
                total++;
                if (++inBatch == chunk) {
                    JsonNode result = client.ingest(batch.toByteArray());
                    accepted += result.path("accepted").asLong();
                    rejected += reportRejected(result, total - inBatch);
                    batch.reset();
                    inBatch = 0;
                    progress(total, accepted, rejected, start);
                }
            }
            if (inBatch > 0) {
                JsonNode result = client.ingest(batch.toByteArray());
                accepted += result.path("accepted").asLong();
                rejected += reportRejected(result, total - inBatch);
                progress(total, accepted, rejected, start);
            }
        }
        // stored is not yet searchable: wait for the outbox to bring Milvus and the graph in step
        double waited = client.awaitIndexed(java.time.Duration.ofHours(2));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "indexed %d products in %.1f s (%.1f s after the last answer), %.0f products/s%n",
                accepted, seconds, waited, accepted / Math.max(seconds, 1e-9));
        return rejected == 0 ? 0 : 1;
    }

    private String convert(String line) throws Exception {
        return format == Format.esci
                ? json.writeValueAsString(EsciProduct.toMagpie(json.readTree(line), json.createObjectNode()))
                : line;
    }

    /** Prints each refused line with its line number in the file (the gateway numbers lines per chunk). */
    private static long reportRejected(JsonNode result, long linesBefore) {
        result.path("errors")
                .forEach(error -> System.err.printf(
                        "line %d: %s: %s%n",
                        linesBefore + error.path("line").asLong(),
                        error.path("field").asText(),
                        error.path("message").asText()));
        return result.path("rejected").asLong();
    }

    private static void progress(long total, long accepted, long rejected, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "ingested %d products (%d accepted, %d rejected) in %.1f s, %.0f products/s%n",
                total, accepted, rejected, seconds, total / Math.max(seconds, 1e-9));
    }
}
