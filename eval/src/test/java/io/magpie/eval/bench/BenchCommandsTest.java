package io.magpie.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.eval.MagpieEval;
import io.magpie.eval.http.FakeServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bench commands end to end against stand-in servers on loopback. */
class BenchCommandsTest {

    private final ObjectMapper json = new ObjectMapper();

    private static int run(String... args) {
        return new CommandLine(new MagpieEval()).execute(args);
    }

    private static Path esciDataset(Path folder, int products) throws Exception {
        Files.writeString(folder.resolve("queries.tsv"), "query\nfine\npartial\nbroken\n");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < products; i++) {
            lines.append("{\"asin\": \"P")
                    .append(i)
                    .append("\", \"title\": \"Product ")
                    .append(i)
                    .append("\", \"brand\": \"Brand\", \"category\": [\"Home\"]}\n");
        }
        Files.writeString(folder.resolve("products.jsonl"), lines);
        return folder;
    }

    @Test
    void benchSearchRunsClosedAndOpenLoopsAndCountsDegradedAndFailedAnswers(@TempDir Path folder) throws Exception {
        List<String> queryStrings = new CopyOnWriteArrayList<>();
        try (FakeServer gateway = new FakeServer("/api/v1/search", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            queryStrings.add(query);
            String q = URLDecoder.decode(query.split("&")[0].substring(2), StandardCharsets.UTF_8);
            switch (q) {
                case "broken" -> FakeServer.answer(exchange, 503, "{\"title\": \"Service unavailable\"}");
                case "partial" -> FakeServer.answer(exchange, 200, "{\"items\": [], \"degraded\": [\"graph\"]}");
                default -> FakeServer.answer(exchange, 200, "{\"items\": [{\"id\": \"x\"}], \"degraded\": []}");
            }
        })) {
            Path out = folder.resolve("out");
            int exit = run(
                    "bench-search",
                    "--gateway",
                    gateway.uri().toString(),
                    "--dataset",
                    esciDataset(folder, 2).toString(),
                    "--concurrency",
                    "1,2",
                    "--requests",
                    "6",
                    "--warmup",
                    "1",
                    "--rate",
                    "50",
                    "--sources",
                    "lexical",
                    "--strategy",
                    "max",
                    "--out",
                    out.toString());

            assertEquals(0, exit);
            JsonNode report = json.readTree(out.resolve("search.json").toFile());
            JsonNode closed = report.path("results").path("Closed loop");
            assertEquals(2, closed.size());
            for (JsonNode level : closed) {
                assertEquals(6, level.path("requests").asInt());
                assertEquals(2, level.path("ok").asInt());
                assertEquals(2, level.path("degraded").asInt());
                assertEquals(2, level.path("errors").asInt());
                assertEquals(2, level.path("degradedBranches").path("graph").asInt());
            }
            JsonNode open = report.path("results").path("Open loop").get(0);
            assertEquals(50.0, open.path("targetRate").asDouble());
            assertEquals(6, open.path("requests").asInt());
            assertTrue(queryStrings.get(0).contains("size=10&sources=lexical&strategy=max"), queryStrings.get(0));
            assertEquals(
                    2,
                    report.path("machine")
                            .path("cores")
                            .asInt(Runtime.getRuntime().availableProcessors()));
            assertTrue(report.path("data").path("catalogue").asText().startsWith("2 ESCI products"));
            String md = Files.readString(out.resolve("search.md"));
            assertTrue(md.contains("## Closed loop") && md.contains("## Open loop"), md);
            assertTrue(md.contains("|graph 2|"), md);
        }
    }

    @Test
    void benchSearchRefusesAGatewayOffThisMachine(@TempDir Path folder) {
        assertEquals(2, run("bench-search", "--gateway", "http://10.1.2.3:8080", "--out", folder.toString()));
        assertFalse(Files.exists(folder.resolve("search.md")));
    }

    @Test
    void benchEncoderComparesBatchSizesOnTheSameTexts(@TempDir Path folder) throws Exception {
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        try (FakeServer encoder = new FakeServer("/v1/encode", exchange -> {
            JsonNode request = json.readTree(exchange.getRequestBody());
            int texts = request.path("texts").size();
            batchSizes.add(texts);
            StringBuilder vectors = new StringBuilder();
            for (int i = 0; i < texts; i++) {
                vectors.append(i == 0 ? "" : ",").append("[0.6, 0.8]");
            }
            FakeServer.answer(
                    exchange,
                    200,
                    "{\"model\": \"m\", \"version\": \"1\", \"dim\": 2, \"vectors\": [" + vectors
                            + "], \"truncated\": []}");
        })) {
            Path out = folder.resolve("out");
            int exit = run(
                    "bench-encoder",
                    "--encoder",
                    encoder.uri().toString(),
                    "--dataset",
                    esciDataset(folder, 8).toString(),
                    "--texts",
                    "8",
                    "--batch-sizes",
                    "1,4",
                    "--rounds",
                    "1",
                    "--warmup",
                    "0",
                    "--out",
                    out.toString());

            assertEquals(0, exit);
            assertEquals(10, batchSizes.size()); // 8 requests of 1, 2 of 4
            JsonNode report = json.readTree(out.resolve("encoder.json").toFile());
            JsonNode rows = report.path("results").path("Throughput");
            assertEquals(2, rows.size());
            assertEquals(8, rows.get(0).path("requests").asInt());
            assertEquals(1.0, rows.get(0).path("ratio").asDouble(), 1e-12);
            assertEquals("m version 1, dim 2", report.path("data").path("model").asText());
        }
    }

    @Test
    void benchIngestSendsProductsUnderFreshIdsInChunks(@TempDir Path folder) throws Exception {
        List<String> ids = new CopyOnWriteArrayList<>();
        List<String> keys = new CopyOnWriteArrayList<>();
        List<String> deleted = new CopyOnWriteArrayList<>();
        try (FakeServer gateway = new FakeServer("/api/v1/admin/products", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/indexing")) {
                FakeServer.answer(exchange, 200, "{\"pending\": 0, \"oldestAgeSeconds\": 0}");
                return;
            }
            if (path.endsWith("/deletions")) {
                json.readTree(exchange.getRequestBody()).path("ids").forEach(id -> deleted.add(id.asText()));
                FakeServer.answer(exchange, 200, "{\"deleted\": 0, \"unknown\": [], \"pendingIndexing\": 0}");
                return;
            }
            keys.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String[] lines = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (String line : lines) {
                ids.add(json.readTree(line).path("id").asText());
            }
            FakeServer.answer(exchange, 200, "{\"accepted\": " + lines.length + ", \"rejected\": 0, \"errors\": []}");
        })) {
            Path text = folder.resolve("Scientific.text");
            Files.writeString(
                    text,
                    "item_id:token\ttext:token_seq\nA1\tOne. Industrial & Scientific X. B. \n"
                            + "A2\tTwo. . C. \nA3\tThree. . D. \n");
            Path out = folder.resolve("out");
            int exit = run(
                    "bench-ingest",
                    "--gateway",
                    gateway.uri().toString(),
                    "--admin-key",
                    "s3cret",
                    "--file",
                    text.toString(),
                    "--count",
                    "3",
                    "--chunk",
                    "2",
                    "--id-prefix",
                    "t-",
                    "--out",
                    out.toString());

            assertEquals(0, exit);
            assertEquals(List.of("t-A1", "t-A2", "t-A3"), ids);
            assertEquals(List.of("t-A1", "t-A2", "t-A3"), deleted);
            assertEquals(List.of("Bearer s3cret", "Bearer s3cret"), keys);
            JsonNode report = json.readTree(out.resolve("ingest.json").toFile());
            assertEquals(
                    3,
                    report.path("results")
                            .path("Throughput")
                            .get(0)
                            .path("accepted")
                            .asInt());
            assertEquals(
                    2,
                    report.path("results")
                            .path("Throughput")
                            .get(0)
                            .path("requests")
                            .asInt());
            assertFalse(Files.readString(out.resolve("ingest.md")).contains("s3cret"));
            assertFalse(Files.readString(out.resolve("ingest.json")).contains("s3cret"));

            Path keyFile = folder.resolve("admin-key");
            Files.writeString(keyFile, "from-file\n");
            if (System.getenv("MAGPIE_ADMIN_KEY") == null) {
                assertEquals(
                        0,
                        run(
                                "bench-ingest",
                                "--gateway",
                                gateway.uri().toString(),
                                "--admin-key-file",
                                keyFile.toString(),
                                "--file",
                                text.toString(),
                                "--count",
                                "1",
                                "--chunk",
                                "1",
                                "--out",
                                out.toString()));
                assertEquals("Bearer from-file", keys.get(keys.size() - 1));
                assertTrue(ids.get(ids.size() - 1).matches("bench-\\d{8}T\\d{6}-A1"), ids.get(ids.size() - 1));
            }
        }
    }

    @Test
    void benchIngestKeepsRequestsInFlightAndSearchesAtRestAndDuringTheIngest(@TempDir Path folder) throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicInteger pending = new AtomicInteger();
        AtomicInteger ingestRequests = new AtomicInteger();
        AtomicInteger searches = new AtomicInteger();
        AtomicInteger searchesWhilePending = new AtomicInteger();
        try (FakeServer gateway = new FakeServer("/api/v1", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/v1/search")) {
                searches.incrementAndGet();
                if (pending.get() > 0) {
                    searchesWhilePending.incrementAndGet();
                }
                // every third search leaves out a branch, as the gateway says when one timed out
                boolean degraded = searches.get() % 3 == 0;
                FakeServer.answer(
                        exchange, 200, "{\"items\": [], \"degraded\": " + (degraded ? "[\"lexical\"]" : "[]") + "}");
                return;
            }
            if (path.endsWith("/indexing")) {
                // the outbox drains one product per status read after the last answer
                int left = ingestRequests.get() == 4 ? pending.updateAndGet(p -> Math.max(0, p - 1)) : pending.get();
                FakeServer.answer(exchange, 200, "{\"pending\": " + left + ", \"deadLetters\": 0}");
                return;
            }
            int now = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String[] lines = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("\n");
            pending.addAndGet(lines.length);
            ingestRequests.incrementAndGet();
            inFlight.decrementAndGet();
            FakeServer.answer(exchange, 200, "{\"accepted\": " + lines.length + ", \"rejected\": 0, \"errors\": []}");
        })) {
            Path data = esciDataset(folder, 8);
            Path out = folder.resolve("out");
            int exit = run(
                    "bench-ingest",
                    "--gateway",
                    gateway.uri().toString(),
                    "--admin-key",
                    "s3cret",
                    "--source",
                    "esci",
                    "--file",
                    data.resolve("products.jsonl").toString(),
                    "--queries",
                    data.resolve("queries.tsv").toString(),
                    "--count",
                    "8",
                    "--chunk",
                    "2",
                    "--concurrency",
                    "2",
                    "--keep",
                    "--search-clients",
                    "2",
                    "--search-seconds",
                    "0.3",
                    "--stack-dir",
                    folder.resolve("no-stack").toString(),
                    "--out",
                    out.toString());

            assertEquals(0, exit);
            assertEquals(4, ingestRequests.get());
            assertEquals(2, mostInFlight.get());
            assertEquals(0, pending.get());
            assertTrue(searchesWhilePending.get() > 0, "searches ran while products waited to be indexed");
            JsonNode phases = json.readTree(out.resolve("ingest.json").toFile())
                    .path("results")
                    .path("Phases");
            assertEquals(
                    List.of("at rest, before", "during ingest", "at rest, after"),
                    List.of(
                            phases.get(0).path("phase").asText(),
                            phases.get(1).path("phase").asText(),
                            phases.get(2).path("phase").asText()));
            long counted = 0;
            for (JsonNode phase : phases) {
                assertTrue(phase.path("searches").asLong() > 0, phase.toString());
                assertEquals(
                        phase.path("searches").asLong(),
                        phase.path("ok").asLong() + phase.path("degraded").asLong(),
                        phase.toString());
                counted += phase.path("searches").asLong();
            }
            assertEquals(searches.get(), counted);
            assertTrue(
                    phases.get(0).path("degraded").asLong() > 0, phases.get(0).toString());
        }
    }
}
