package io.magpie.encoder.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magpie.encoder.model.BertTokenizer;
import io.magpie.encoder.model.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * CPU time the encoder-service process spends per short query: packaged services (fast-jars) started as child
 * processes, each with its own settings, fed the same ESCI queries (at most 16 word pieces) one
 * {@code POST /v1/encode} at a time (closed loop, one client), the variants interleaved round by round. The CPU
 * time is the process's user + system time from {@code /proc/<pid>/stat} before and after each round, so it
 * counts every thread of the service (HTTP, JSON, forward thread, PyTorch's OpenMP team) and none of the
 * client's. Also the CPU an idle service burns per second. A benchmark, not a test: it asserts nothing.
 * <pre>
 * ./mvnw -o -pl encoder-service -am verify -Dtest=QueryCpuBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dmagpie.bench=true -Dmagpie.bench.variants='before=old/quarkus-app/quarkus-run.jar|after=,OMP_WAIT_POLICY=PASSIVE'
 * </pre>
 * A variant is {@code name=jar[,KEY=value...]}: an empty jar is this build's; upper-case keys are environment
 * variables, others system properties. It writes {@code docs/benchmarks/encoder-cpu.md} and {@code .json}
 * ({@code -Dmagpie.bench.out} names another file stem).
 */
@EnabledIfSystemProperty(named = "magpie.bench", matches = "true")
class QueryCpuBenchmark {

    private static final int ROUNDS = Integer.getInteger("magpie.bench.rounds", 5);
    private static final int QUERIES_PER_ROUND = Integer.getInteger("magpie.bench.queries", 200);
    private static final int WARM_UP = Integer.getInteger("magpie.bench.warmup", 300);
    private static final int MAX_WORD_PIECES = 16;
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Variant(String name, Path jar, Map<String, String> env, List<String> properties) {}

    private record Round(double cpuMsPerQuery, double wallMsPerQuery, double p50Ms) {}

    @Test
    void cpuPerShortQuery() throws Exception {
        Path root = Path.of(System.getProperty("magpie.root", ".."))
                .toAbsolutePath()
                .normalize();
        List<Variant> variants = variants(
                root, System.getProperty("magpie.bench.variants", "default=|passive=,OMP_WAIT_POLICY=PASSIVE"));
        List<String> queries = shortQueries(root.resolve("../shared/datasets/esci-subset/queries.tsv"));
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Process> processes = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        Map<String, List<Round>> rounds = new LinkedHashMap<>();
        Map<String, Double> idle = new LinkedHashMap<>();
        Path scratch = Files.createTempDirectory("encoder-cpu-bench");
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try {
            for (Variant variant : variants) {
                int port = freePort();
                processes.add(start(root, variant, port, scratch));
                urls.add("http://127.0.0.1:" + port);
                rounds.put(variant.name(), new ArrayList<>());
            }
            for (int i = 0; i < variants.size(); i++) {
                awaitReady(http, urls.get(i), processes.get(i));
                for (int q = 0; q < WARM_UP; q++) {
                    encode(http, urls.get(i), queries.get(q % queries.size()));
                }
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (int k = 0; k < variants.size(); k++) {
                    int i = (round + k) % variants.size(); // rotate who goes first
                    rounds.get(variants.get(i).name())
                            .add(runRound(http, urls.get(i), processes.get(i), queries, round));
                }
            }
            for (int i = 0; i < variants.size(); i++) {
                long before = cpuTicks(processes.get(i));
                Thread.sleep(3000);
                idle.put(variants.get(i).name(), (cpuTicks(processes.get(i)) - before) * 1000.0 / TICKS_PER_SECOND / 3);
            }
        } finally {
            processes.forEach(Process::destroy);
            for (Process process : processes) {
                process.waitFor();
            }
        }
        report(root, variants, queries, rounds, idle, loadAtStart);
    }

    private static Round runRound(HttpClient http, String url, Process process, List<String> queries, int round)
            throws Exception {
        double[] latencies = new double[QUERIES_PER_ROUND];
        long cpuBefore = cpuTicks(process);
        long start = System.nanoTime();
        for (int q = 0; q < QUERIES_PER_ROUND; q++) {
            long sent = System.nanoTime();
            encode(http, url, queries.get((round * QUERIES_PER_ROUND + q) % queries.size()));
            latencies[q] = (System.nanoTime() - sent) / 1e6;
        }
        double wallMs = (System.nanoTime() - start) / 1e6;
        double cpuMs = (cpuTicks(process) - cpuBefore) * 1000.0 / TICKS_PER_SECOND;
        Arrays.sort(latencies);
        return new Round(cpuMs / QUERIES_PER_ROUND, wallMs / QUERIES_PER_ROUND, latencies[latencies.length / 2]);
    }

    private static void encode(HttpClient http, String url, String query) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("kind", "query");
        body.putArray("texts").add(query);
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create(url + "/v1/encode"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
    }

    /** utime + stime of the process, in clock ticks; fields 14 and 15 of /proc/pid/stat. */
    private static long cpuTicks(Process process) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static Process start(Path root, Variant variant, int port, Path scratch) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-DDJL_CACHE_DIR=" + root.resolve(".magpie/djl"),
                "-Dai.djl.offline=true",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                // The client sends no service credential (ADR 0026); the child listens on the loopback only.
                "-Dmagpie.service-credential-disabled=true"));
        command.addAll(variant.properties());
        command.addAll(List.of("-jar", variant.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(scratch.toFile())
                .redirectErrorStream(true)
                .redirectOutput(scratch.resolve(variant.name() + ".log").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("OMP_") || key.startsWith("MAGPIE_"));
        builder.environment().putAll(variant.env());
        return builder.start();
    }

    private static void awaitReady(HttpClient http, String url, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(url + " exited");
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(url + " not ready");
    }

    private static List<Variant> variants(Path root, String spec) {
        List<Variant> variants = new ArrayList<>();
        for (String entry : spec.split("\\|")) {
            String name = entry.substring(0, entry.indexOf('='));
            String[] parts = entry.substring(entry.indexOf('=') + 1).split(",", -1);
            Path jar = parts[0].isBlank()
                    ? root.resolve("encoder-service/target/quarkus-app/quarkus-run.jar")
                    : Path.of(parts[0]);
            Map<String, String> env = new LinkedHashMap<>();
            List<String> properties = new ArrayList<>();
            for (String setting : Arrays.copyOfRange(parts, 1, parts.length)) {
                String key = setting.substring(0, setting.indexOf('='));
                String value = setting.substring(setting.indexOf('=') + 1);
                if (key.equals(key.toUpperCase(Locale.ROOT))) {
                    env.put(key, value);
                } else {
                    properties.add("-D" + key + "=" + value);
                }
            }
            variants.add(new Variant(name, jar, env, properties));
        }
        return variants;
    }

    private static List<String> shortQueries(Path file) throws IOException {
        List<String> all;
        try (Stream<String> lines = Files.lines(file)) {
            all = lines.skip(1)
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .distinct()
                    .toList();
        }
        ModelSpec spec = ModelSpec.ALL_MINILM_L6_V2;
        try (InputStream json = QueryCpuBenchmark.class.getClassLoader().getResourceAsStream(spec.tokenizerResource());
                BertTokenizer tokenizer = BertTokenizer.load(json, 256)) {
            List<String> kept = new ArrayList<>();
            var tokens = tokenizer.tokenize(all);
            for (int i = 0; i < all.size(); i++) {
                if (tokens.get(i).length() <= MAX_WORD_PIECES) {
                    kept.add(all.get(i));
                }
            }
            return kept;
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> field) {
        double[] values = rounds.stream().mapToDouble(field).sorted().toArray();
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    private static void report(
            Path root,
            List<Variant> variants,
            List<String> queries,
            Map<String, List<Round>> rounds,
            Map<String, Double> idle,
            double loadAtStart)
            throws IOException {
        String stem = System.getProperty("magpie.bench.out", "docs/benchmarks/encoder-cpu-serving");
        StringBuilder md =
                new StringBuilder("# encoder-service: CPU per short query, packaged service, side by side\n\n");
        md.append("|variant|settings|CPU ms/query|x first|wall ms/query|p50 ms|idle CPU ms/s|\n")
                .append("|---|---|---:|---:|---:|---:|---:|\n");
        double first = median(rounds.get(variants.get(0).name()), Round::cpuMsPerQuery);
        ObjectNode json = JSON.createObjectNode();
        for (Variant variant : variants) {
            List<Round> r = rounds.get(variant.name());
            double cpu = median(r, Round::cpuMsPerQuery);
            String settings = String.join(
                    " ",
                    Stream.concat(
                                    variant.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()),
                                    variant.properties().stream())
                            .toList());
            md.append(String.format(
                    Locale.ROOT,
                    "|%s|%s|%.2f|%.2f|%.2f|%.2f|%.1f|%n",
                    variant.name(),
                    settings.isEmpty() ? "-" : "`" + settings + "`",
                    cpu,
                    cpu / first,
                    median(r, Round::wallMsPerQuery),
                    median(r, Round::p50Ms),
                    idle.get(variant.name())));
            ObjectNode node = json.putObject(variant.name());
            node.put("settings", settings);
            node.put("idleCpuMsPerSecond", idle.get(variant.name()));
            var list = node.putArray("rounds");
            r.forEach(x -> list.addObject()
                    .put("cpuMsPerQuery", x.cpuMsPerQuery())
                    .put("wallMsPerQuery", x.wallMsPerQuery())
                    .put("p50Ms", x.p50Ms()));
        }
        md.append(String.format(
                Locale.ROOT,
                "%nMedians of %d interleaved rounds of %d sequential one-query requests "
                        + "per variant (%d short ESCI queries, at most %d word pieces, cycled), after %d warm-up requests each; "
                        + "%d cores, load average %.2f at start, %.2f at end.%n",
                ROUNDS,
                QUERIES_PER_ROUND,
                queries.size(),
                MAX_WORD_PIECES,
                WARM_UP,
                Runtime.getRuntime().availableProcessors(),
                loadAtStart,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        md.append("\nCommand: `./mvnw -o verify -pl encoder-service -am -Dtest=QueryCpuBenchmark "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dmagpie.bench=true -Dmagpie.bench.variants='...'` "
                + "(see the class comment); analysis in encoder-cpu.md.\n");
        Files.writeString(root.resolve(stem + ".md"), md);
        Files.writeString(
                root.resolve(stem + ".json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.println(md);
    }
}
