package io.magpie.encoder.bench;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magpie.api.encoder.EncodeRequest;
import io.magpie.encoder.model.hf.BgeFolder;
import io.magpie.encoder.model.hf.HfModelFolder;
import io.magpie.encoder.model.hf.ModelDescriptor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Single-query latency of {@code POST /v1/encode} with micro-batching, at several client concurrencies (closed
 * loop: each client sends its next query when the previous answer is in), and the resident memory of the process
 * with one and with two models loaded. A benchmark, not a test; runs only when asked:
 * <pre>
 * ./mvnw -o -pl encoder-service -am verify -DskipITs -Dtest=ServingBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dmagpie.bench=true
 * </pre>
 * It writes {@code docs/benchmarks/encoder-serving.md} and {@code .json}.
 */
@QuarkusTest
@TestProfile(ServingBenchmark.WithModelDirectory.class)
@EnabledIfSystemProperty(named = "magpie.bench", matches = "true")
class ServingBenchmark {

    private static final int[] CONCURRENCY = {1, 8, 32};
    private static final int QUERIES_PER_CLIENT_1 = 200;
    private static final int QUERIES_TOTAL = 800;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class WithModelDirectory implements QuarkusTestProfile {
        static final Path MODELS;

        static {
            try {
                MODELS = Files.createTempDirectory("magpie-bench-models");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("magpie.encoder.model-dir", MODELS.toString(), "quarkus.log.level", "WARN");
        }
    }

    @TestHTTPResource("/v1/encode")
    URI encode;

    @Test
    void latencyUnderConcurrencyAndMemoryPerModel() throws Exception {
        while (given().get("/q/health/ready").statusCode() != 200) {
            Thread.sleep(200);
        }
        Path root = Path.of(System.getProperty("magpie.root", ".."))
                .toAbsolutePath()
                .normalize();
        List<String> queries = Files.readAllLines(root.resolve("../shared/datasets/esci-subset/queries.tsv")).stream()
                .skip(1)
                .filter(line -> !line.isBlank())
                .limit(400)
                .toList();
        HttpClient client = HttpClient.newHttpClient();
        run(client, queries, 4, 100); // warm-up
        ArrayNode rows = JSON.createArrayNode();
        StringBuilder table =
                new StringBuilder("|clients|queries|p50 ms|p99 ms|queries/s|\n|---:|---:|---:|---:|---:|\n");
        for (int clients : CONCURRENCY) {
            int total = clients == 1 ? QUERIES_PER_CLIENT_1 : QUERIES_TOTAL;
            long start = System.nanoTime();
            long[] latencies = run(client, queries, clients, total);
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            double p50 = latencies[latencies.length / 2] / 1e6;
            double p99 = latencies[(int) Math.ceil(latencies.length * 0.99) - 1] / 1e6;
            double rate = latencies.length / seconds;
            table.append(
                    String.format(Locale.ROOT, "|%d|%d|%.1f|%.1f|%.1f|%n", clients, latencies.length, p50, p99, rate));
            rows.addObject()
                    .put("clients", clients)
                    .put("queries", latencies.length)
                    .put("p50Ms", round(p50))
                    .put("p99Ms", round(p99))
                    .put("queriesPerSecond", round(rate));
            System.out.printf(
                    Locale.ROOT, "%2d clients: p50 %.1f ms, p99 %.1f ms, %.1f queries/s%n", clients, p50, p99, rate);
        }

        long oneModel = residentKiB();
        Path bge = WithModelDirectory.MODELS.resolve("bge-small-en-v15").resolve("1");
        BgeFolder.write(bge);
        HfModelFolder.JSON.writeValue(
                bge.resolve(ModelDescriptor.FILE_NAME).toFile(), HfModelFolder.describe(bge, "bge-small-en-v15", "1"));
        given().header("Authorization", "Bearer test-admin-key")
                .post("/v1/admin/models/bge-small-en-v15/versions/1/load")
                .then()
                .statusCode(200);
        for (int i = 0; i < 50; i++) {
            given().contentType("application/json")
                    .body(Map.of("model", "bge-small-en-v15@1", "texts", queries.subList(i, i + 8)))
                    .post("/v1/encode")
                    .then()
                    .statusCode(200);
        }
        run(client, queries, 4, 100);
        long twoModels = residentKiB();
        System.out.printf(
                "resident memory: %d MiB with MiniLM, %d MiB with MiniLM and BGE small%n",
                oneModel / 1024, twoModels / 1024);
        write(root, table.toString(), rows, oneModel, twoModels, queries.size());
    }

    /** Closed loop: {@code clients} threads, each sending one query at a time; returns every latency in ns. */
    private long[] run(HttpClient client, List<String> queries, int clients, int total) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[total];
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(threads.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    String body =
                            JSON.writeValueAsString(EncodeRequest.queries(List.of(queries.get(i % queries.size()))));
                    long start = System.nanoTime();
                    HttpResponse<String> response = client.send(
                            HttpRequest.newBuilder(encode)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    latencies[i] = System.nanoTime() - start;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();
        return latencies;
    }

    private static long residentKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static void write(Path root, String table, ArrayNode rows, long oneModel, long twoModels, int queries)
            throws IOException {
        String commit = gitCommit(root);
        int cores = Runtime.getRuntime().availableProcessors();
        String md = "# Encoder serving: single-query latency with micro-batching, and memory per model\n\n"
                + "`POST /v1/encode` of one query at a time per client, closed loop, clients on the same machine as the "
                + "service (the service in Quarkus test mode, in the benchmark's own JVM), all-minilm-l6-v2 on CPU, "
                + "default settings (batch window 3 ms, max batch 32, one forward thread). Queries: the first "
                + queries
                + " of the ESCI subset's queries.tsv, cycled.\n\n" + table
                + "\nResident memory (VmRSS of the process, JVM heap included) after the runs above with MiniLM: "
                + oneModel / 1024 + " MiB; after also loading BGE small English v1.5 (12 layers, from a Hugging Face "
                + "folder) and encoding with both: " + twoModels / 1024 + " MiB.\n\n"
                + "## Command\n\n```\n./mvnw -o -pl encoder-service -am verify -DskipITs -Dtest=ServingBenchmark "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dmagpie.bench=true\n```\n\n"
                + "## Machine\n\n|||\n|---|---|\n|cores|" + cores + "|\n|os|" + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + "|\n|java|" + System.getProperty("java.version")
                + "|\n|load average at end|"
                + String.format(
                        Locale.ROOT,
                        "%.2f",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + "|\n|commit|" + commit + "|\n";
        ObjectNode json = JSON.createObjectNode();
        json.put("benchmark", "encoder-serving")
                .put("at", Instant.now().toString())
                .put("commit", commit);
        json.putObject("machine")
                .put("cores", cores)
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .put("java", System.getProperty("java.version"))
                .put(
                        "loadAverageAtEnd",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        json.putObject("parameters")
                .put("model", "all-minilm-l6-v2")
                .put("queries", queries)
                .put("batchWindow", "3ms")
                .put("maxBatchSize", 32)
                .put("loop", "closed");
        json.set("latency", rows);
        json.putObject("residentMemoryMiB").put("oneModel", oneModel / 1024).put("twoModels", twoModels / 1024);
        Path out = root.resolve("docs/benchmarks");
        Files.writeString(out.resolve("encoder-serving.md"), md);
        Files.writeString(
                out.resolve("encoder-serving.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String gitCommit(Path root) {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
