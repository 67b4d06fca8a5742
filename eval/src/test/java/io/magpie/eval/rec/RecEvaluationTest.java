package io.magpie.eval.rec;

import static io.magpie.eval.rec.TinyInteractions.A;
import static io.magpie.eval.rec.TinyInteractions.C;
import static io.magpie.eval.rec.TinyInteractions.D;
import static io.magpie.eval.rec.TinyInteractions.E;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.rec.RecEvaluation.Result;
import io.magpie.eval.rec.RecEvaluation.Summary;
import io.magpie.eval.rec.RecEvaluation.UserResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecEvaluationTest {

    private static final double NDCG_AT_2 = 1 / (Math.log(3) / Math.log(2));

    private final Interactions data = TinyInteractions.data();
    private final Bootstrap bootstrap = new Bootstrap(200, 1, 0.95);

    @Test
    void casesUseTrainForValidationAndTrainPlusValidForTest() {
        List<EvalCase> valid = data.cases(false);
        List<EvalCase> test = data.cases(true);

        assertArrayEquals(new int[] {A, 1}, valid.get(0).history());
        assertEquals(C, valid.get(0).target());
        assertArrayEquals(new int[] {A, 1, C}, test.get(0).history());
        assertEquals(D, test.get(0).target());
    }

    @Test
    void finalRunGivesHandComputedRanksAndMetrics() {
        Result result = new RecEvaluation(data, 2, bootstrap).run(true);

        // Fitted on train + valid: every item but E (1) has 3 interactions, so popularity is A, B, C, D, E.
        // u0 (history A B C, target D): D is first of D, E -> rank 1
        // u1 (history A B C D, target E): rank 1
        // u2 (history B C A, target E): D before E -> rank 2, NDCG@2 = 1 / log2(3)
        // u3 (history D D E, target D): D is in the history -> excluded, rank 0
        assertEquals(
                List.of("popularity", "cooc-count", "cooc-conditional", "cooc-cosine"),
                result.summaries().stream().map(Summary::key).toList());
        for (int b = 0; b < 4; b++) {
            int baseline = b;
            assertArrayEquals(
                    new int[] {1, 1, 2, 0},
                    result.users().stream().mapToInt(u -> u.ranks()[baseline]).toArray());
            assertArrayEquals(
                    new double[] {1, 1, 1, 0},
                    result.users().stream().mapToDouble(u -> u.hits()[baseline]).toArray());
            assertArrayEquals(
                    new double[] {1, 1, NDCG_AT_2, 0},
                    result.users().stream()
                            .mapToDouble(u -> u.ndcgs()[baseline])
                            .toArray(),
                    1e-12);
        }
        Summary popularity = result.summaries().get(0);
        assertEquals(0.75, popularity.hitRate().mean(), 1e-12);
        assertEquals((2 + NDCG_AT_2) / 4, popularity.ndcg().mean(), 1e-12);
        assertEquals(4, popularity.ndcg().n());
        assertTrue(popularity.ndcg().lower() <= popularity.ndcg().mean()
                && popularity.ndcg().mean() <= popularity.ndcg().upper());
    }

    @Test
    void cutOffOneMissesTheSecondRank() {
        Result result = new RecEvaluation(data, 1, bootstrap).run(true);

        UserResult u2 = result.users().get(2);
        assertEquals(2, u2.ranks()[0]);
        assertEquals(0.0, u2.hits()[0]);
        assertEquals(0.0, u2.ndcgs()[0]);
        assertEquals(0.5, result.summaries().get(0).hitRate().mean(), 1e-12);
    }

    @Test
    void validationRunPredictsTheValidationItemsFromTrain() {
        Result result = new RecEvaluation(data, 2, bootstrap).run(false);

        // Popularity on train: B 3, A 2, C 2, D 2, E 0.
        // u0 (A B -> C): popularity C, D -> rank 1; co-occurrence C 3 -> rank 1
        // u1 (A B C -> D): D before E -> rank 1
        // u2 (B C -> A): popularity A (2, index before D) -> rank 1; co-occurrence A = c(B,A) + c(C,A) = 3 -> 1
        // u3 (D D -> E): popularity B, A, C, E -> rank 4; D co-occurs with nothing -> same
        assertArrayEquals(
                new int[] {1, 1, 1, 4},
                result.users().stream().mapToInt(u -> u.ranks()[0]).toArray());
        assertArrayEquals(
                new int[] {1, 1, 1, 4},
                result.users().stream().mapToInt(u -> u.ranks()[1]).toArray());
        assertEquals(E, result.users().get(3).target());
        assertEquals(0.75, result.summaries().get(1).hitRate().mean(), 1e-12);
    }

    @Test
    void reportWritesMarkdownAndPerUserJson(@TempDir Path folder) throws Exception {
        RecEvaluation evaluation = new RecEvaluation(data, 2, bootstrap);
        Result result = evaluation.run(true);
        Result validation = evaluation.run(false);
        RecReport report =
                new RecReport(result, validation, data, bootstrap, Map.of("users", 4), Map.of("dataset", "tiny"));

        List<Path> files = report.write(folder, "rec-tiny");

        String md = Files.readString(files.get(0));
        assertTrue(md.contains("measured by `rec-eval --through-platform`"), md);
        assertTrue(md.contains("| popularity | 0.7500 ["), md);
        assertTrue(md.contains("Validation split"), md);
        var json = new ObjectMapper().readTree(files.get(1).toFile());
        assertEquals("test", json.path("split").asText());
        assertEquals(4, json.path("users").size());
        assertEquals("u2", json.path("users").get(2).path("user").asText());
        assertEquals(
                2, json.path("users").get(2).path("popularity").path("rank").asInt());
        assertEquals(
                NDCG_AT_2,
                json.path("users").get(2).path("cooc-count").path("ndcg").asDouble(),
                1e-12);
        assertEquals(
                0.75, json.path("baselines").get(0).path("HR@2").path("mean").asDouble(), 1e-12);
    }
}
