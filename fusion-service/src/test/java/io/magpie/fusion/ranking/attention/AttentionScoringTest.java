package io.magpie.fusion.ranking.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scoring with real DJL/PyTorch: masking of absent sources, batching, and refusal of bad input. */
class AttentionScoringTest {

    private static AttentionFusionModel model;

    @BeforeAll
    static void model() {
        // Seeded random weights: masking and validation do not depend on training.
        model = AttentionFusionModel.untrained(
                SyntheticLists.SHAPE,
                SyntheticLists.SCHEMA,
                AttentionHyperParameters.defaults(),
                InputStandardisation.identity(SyntheticLists.SHAPE));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void absentSourcesGetZeroWeightAndTheirValuesChangeNothing() {
        AttentionInput input = new SyntheticLists(21, 12, 0.4).query(0).query().input();
        AttentionScores scores = model.score(input);
        int absent = 0;
        for (int i = 0; i < input.size(); i++) {
            float sum = 0;
            for (int s = 0; s < 2; s++) {
                if (input.present()[i][s]) {
                    sum += scores.weights()[i][s];
                } else {
                    assertEquals(0f, scores.weights()[i][s], "candidate " + i + " source " + s);
                    absent++;
                }
            }
            if (input.present()[i][0] || input.present()[i][1]) {
                assertEquals(1f, sum, 1e-6f, "weights of candidate " + i + " over its present sources");
            }
        }
        assertEquals(true, absent > 0, "the list has absent sources");

        // Whatever an absent source's features say, neither the scores nor the weights move.
        float[][][] changed = new float[input.size()][][];
        for (int i = 0; i < input.size(); i++) {
            changed[i] = new float[2][];
            for (int s = 0; s < 2; s++) {
                changed[i][s] = input.present()[i][s] ? input.sources()[i][s] : new float[] {1e3f, -7f};
            }
        }
        AttentionScores again =
                model.score(new AttentionInput(changed, input.present(), input.items(), input.context()));
        assertArrayEquals(scores.scores(), again.scores());
        for (int i = 0; i < input.size(); i++) {
            assertArrayEquals(scores.weights()[i], again.weights()[i]);
        }
    }

    @Test
    void aCandidateNoSourceProposedGetsNoAttention() {
        AttentionInput input = new SyntheticLists(22, 4, 0).query(1).query().input();
        input.present()[2][0] = false;
        input.present()[2][1] = false;
        AttentionScores scores = model.score(input);
        assertArrayEquals(new float[] {0f, 0f}, scores.weights()[2]);
        assertEquals(true, Float.isFinite(scores.scores()[2]));
    }

    @Test
    void eachCandidateScoresTheSameAloneAsInItsList() {
        AttentionInput list = new SyntheticLists(23, 9, 0.2).query(0).query().input();
        AttentionScores together = model.score(list);
        for (int i = 0; i < list.size(); i++) {
            AttentionScores alone = model.score(new AttentionInput(
                    new float[][][] {list.sources()[i]},
                    new boolean[][] {list.present()[i]},
                    new float[][] {list.items()[i]},
                    list.context()));
            assertEquals(together.scores()[i], alone.scores()[0], 1e-5f, "candidate " + i);
            assertArrayEquals(together.weights()[i], alone.weights()[0], 1e-6f);
        }
        assertEquals(list.size(), together.scores().length);
    }

    @Test
    void concurrentRequestsGetTheSameAnswersAsOneAtATime() throws Exception {
        List<AttentionInput> inputs = new SyntheticLists(27, 40, 0.3)
                .queries(8).stream().map(l -> l.query().input()).toList();
        List<AttentionScores> expected = inputs.stream().map(model::score).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> same = new java.util.ArrayList<>();
            for (int task = 0; task < 4; task++) {
                same.add(pool.submit(() -> {
                    boolean allSame = true;
                    for (int round = 0; round < 25; round++) {
                        for (int q = 0; q < inputs.size(); q++) {
                            allSame &= java.util.Arrays.equals(
                                    expected.get(q).scores(),
                                    model.score(inputs.get(q)).scores());
                        }
                    }
                    return allSame;
                }));
            }
            for (java.util.concurrent.Future<Boolean> result : same) {
                assertEquals(true, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theContextChangesTheAttention() {
        AttentionInput input = new SyntheticLists(24, 5, 0).query(0).query().input();
        AttentionScores first = model.score(input);
        AttentionScores second =
                model.score(new AttentionInput(input.sources(), input.present(), input.items(), new float[] {0, 1}));
        assertEquals(false, first.weights()[0][0] == second.weights()[0][0]);
    }

    @Test
    void notANumberOrInfinityIsRefusedNamingTheValue() {
        AttentionInput input = new SyntheticLists(25, 3, 0).query(0).query().input();
        input.sources()[1][0][1] = Float.NaN;
        assertField("sources[1][0][1]", input);

        AttentionInput items = new SyntheticLists(25, 3, 0).query(0).query().input();
        items.items()[2][0] = Float.POSITIVE_INFINITY;
        assertField("items[2][0]", items);

        AttentionInput context = new SyntheticLists(25, 3, 0).query(0).query().input();
        context.context()[1] = Float.NaN;
        assertField("context[1]", context);
    }

    @Test
    void wrongShapesAreRefusedNamingThePart() {
        AttentionInput good = new SyntheticLists(26, 3, 0).query(0).query().input();
        assertField("sources", new AttentionInput(new float[0][][], new boolean[0][], new float[0][], good.context()));
        assertField("present", new AttentionInput(good.sources(), new boolean[2][2], good.items(), good.context()));
        assertField("items", new AttentionInput(good.sources(), good.present(), new float[4][1], good.context()));
        assertField("context", new AttentionInput(good.sources(), good.present(), good.items(), new float[3]));
        assertField("context", new AttentionInput(good.sources(), good.present(), good.items(), null));
        float[][][] threeSources = {good.sources()[0], new float[3][2], good.sources()[2]};
        assertField("sources[1]", new AttentionInput(threeSources, good.present(), good.items(), good.context()));
        float[][][] shortFeatures = {good.sources()[0], good.sources()[1], {new float[2], new float[1]}};
        assertField("sources[2][1]", new AttentionInput(shortFeatures, good.present(), good.items(), good.context()));
        boolean[][] onePresence = {good.present()[0], {true}, good.present()[2]};
        assertField("present[1]", new AttentionInput(good.sources(), onePresence, good.items(), good.context()));
        assertField(
                "items[0]",
                new AttentionInput(
                        good.sources(),
                        good.present(),
                        new float[][] {new float[2], good.items()[1], good.items()[2]},
                        good.context()));
        assertEquals(3, model.score(good).scores().length);
    }

    private static void assertField(String field, AttentionInput input) {
        AttentionInputException refused = assertThrows(AttentionInputException.class, () -> model.score(input));
        assertEquals(400, refused.status());
        assertEquals(
                List.of(field), refused.errors().stream().map(e -> e.field()).toList(), refused.getMessage());
    }
}
