package io.magpie.eval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magpie.eval.MagpieEval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** search-compare over hand-made search-eval reports: paired differences per query, and refusals. */
class SearchCompareCommandTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void pairsTheRunsQueryByQueryAgainstTheFirst(@TempDir Path dir) throws Exception {
        Path before = report(dir, "before", List.of("a", "b", "c", "d"), new double[] {0.5, 0.5, 0.5, 0.5});
        Path after = report(dir, "after", List.of("a", "b", "c", "d"), new double[] {0.6, 0.6, 0.5, 0.7});

        int exit = run("--run", "minilm=" + before, "--run", "bge=" + after, "--out", dir.toString(), "--name", "cmp");

        assertEquals(0, exit);
        JsonNode rows =
                json.readTree(dir.resolve("cmp.json").toFile()).path("results").path("Strategy dense");
        assertEquals(2, rows.size());
        assertEquals("minilm", rows.get(0).path("run").asText());
        assertEquals(0.5, rows.get(0).path("NDCG@10 mean").asDouble(), 1e-12);
        assertFalse(rows.get(0).has("delta NDCG@10 mean"), "the baseline is not compared with itself");
        JsonNode bge = rows.get(1);
        assertEquals(0.1, bge.path("delta NDCG@10 mean").asDouble(), 1e-12);
        // Every per-query difference is >= 0, so no resample can give a negative mean.
        assertTrue(bge.path("delta NDCG@10 lower").asDouble() >= 0);
        assertEquals("3 / 0 / 1", bge.path("better/worse/equal NDCG@10").asText());
        assertTrue(Files.readString(dir.resolve("cmp.md")).contains("+0.1000 ["));
    }

    @Test
    void refusesRunsThatScoredOtherQueries(@TempDir Path dir) throws Exception {
        Path before = report(dir, "before", List.of("a", "b"), new double[] {0.5, 0.5});
        Path other = report(dir, "other", List.of("a", "x"), new double[] {0.6, 0.6});

        int exit = run("--run", "minilm=" + before, "--run", "bge=" + other, "--out", dir.toString(), "--name", "cmp");

        assertEquals(2, exit);
        assertFalse(Files.exists(dir.resolve("cmp.json")));
    }

    private static int run(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "search-compare";
        System.arraycopy(args, 0, full, 1, args.length);
        return new CommandLine(new MagpieEval()).execute(full);
    }

    /** A search-eval JSON report with one strategy, "dense", whose queries score {@code ndcg} (and 1 elsewhere). */
    private Path report(Path dir, String name, List<String> queries, double[] ndcg) throws Exception {
        ObjectNode root = json.createObjectNode();
        ObjectNode strategy = root.putArray("strategies").addObject();
        strategy.put("name", "dense").put("available", true);
        ArrayNode results = strategy.putArray("queries");
        for (int i = 0; i < queries.size(); i++) {
            ObjectNode scores = results.addObject().put("query", queries.get(i)).putObject("scores");
            scores.put("NDCG@10", ndcg[i]).put("Recall@100", 1.0).put("MRR", 1.0);
        }
        Path file = dir.resolve(name + ".json");
        json.writeValue(file.toFile(), root);
        return file;
    }
}
