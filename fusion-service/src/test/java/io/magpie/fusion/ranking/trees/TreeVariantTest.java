package io.magpie.fusion.ranking.trees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The learned ranker's variants: each trains and ranks, residual boosting serves as it trained, auto picks by CV. */
class TreeVariantTest {

    /** Named as the schema names them, so margins and constraints find their columns. */
    private static final List<String> NAMES = List.of("dense.score_minmax", "lexical.score", "rating", "query_words");

    private static final TreeParameters QUICK = new TreeParameters(3, 0.1, 1, 0.8, 0.8, 1, 60, 3, 7);

    @Test
    void everyVariantLearnsTheDecidingFeatureAndAutoKeepsTheBestByCrossValidation() {
        List<TreeVariant> all = TreeVariant.catalogue(QUICK, NAMES);
        TrainedTrees trained = new LambdaMartTrainer(1).train(groups(40, 1), NAMES, all);

        assertEquals(all.size(), trained.variantNdcg().size());
        double best = Collections.max(trained.variantNdcg().values());
        assertEquals(best, trained.variantNdcg().get(trained.variant().name()), 1e-9);
        assertEquals(best, trained.crossValidNdcg(), 1e-9);
        for (TreeVariant variant : all) {
            TrainedTrees one = new LambdaMartTrainer(1).train(groups(40, 1), NAMES, List.of(variant));
            double unseen = LambdaMartTrainer.meanNdcg(one.ranker(), groups(15, 2));
            assertTrue(unseen > 0.8, variant.name() + " held-out NDCG@10 " + unseen);
            assertEquals(variant.name(), one.variant().name());
        }
    }

    @Test
    void residualBoostingServesWithTheMarginItTrainedFrom() {
        TreeVariant residual =
                TreeVariant.named("residual", QUICK, NAMES).orElseThrow().get(0);
        TrainedTrees trained = new LambdaMartTrainer(1).train(groups(30, 3), NAMES, List.of(residual));
        BaseMargin margin = trained.ranker().margin();
        assertNotNull(margin);
        assertEquals(0, margin.index());
        float[][] rows = groups(1, 4).get(0).flat();

        BaseMargin stored = BaseMargin.read(Map.copyOf(margin.describe()), NAMES);
        TreeRanker reloaded = TreeRanker.load(trained.ranker().bytes(), NAMES.size(), stored);
        float[] scores = trained.ranker().score(rows);
        assertArrayEquals(scores, reloaded.score(rows), 1e-5f);
        // without the margin the same trees rank differently: serving must add it
        float[] treesAlone =
                TreeRanker.load(trained.ranker().bytes(), NAMES.size()).score(rows);
        assertFalse(java.util.Arrays.equals(scores, treesAlone));
        float[][] contributions = reloaded.contributions(rows);
        LambdaMartTrainerTest.assertContributionsSumToScores(contributions, scores);
    }

    @Test
    void monotoneScoresOnlyHelpAndDroppedFeaturesAreNeverRead() {
        TreeVariant monotone =
                TreeVariant.named("monotone", QUICK, NAMES).orElseThrow().get(0);
        TreeRanker ranker = new LambdaMartTrainer(1)
                .train(groups(30, 5), NAMES, List.of(monotone))
                .ranker();
        Random random = new Random(6);
        for (int i = 0; i < 200; i++) {
            float[] low = {random.nextFloat(), random.nextFloat(), random.nextFloat(), random.nextFloat()};
            float[] high = low.clone();
            high[0] = Math.min(1, low[0] + random.nextFloat());
            high[1] = low[1] + random.nextFloat();
            float[] scores = ranker.score(new float[][] {low, high});
            assertTrue(scores[1] >= scores[0] - 1e-6, "raising helping scores lowered the score");
        }

        TreeVariant steady = new TreeVariant("steady", QUICK, false, null, List.of(), List.of("dense.", "lexical."));
        TreeRanker compact = new LambdaMartTrainer(1)
                .train(groups(30, 7), NAMES, List.of(steady))
                .ranker();
        for (float[] row : compact.contributions(groups(1, 8).get(0).flat())) {
            assertEquals(0, row[2], 0);
            assertEquals(0, row[3], 0);
        }
    }

    @Test
    void unknownVariantNamesAreNotFound() {
        assertTrue(TreeVariant.named("deep", QUICK, NAMES).isEmpty());
        assertEquals(
                TreeVariant.catalogue(QUICK, NAMES).size(),
                TreeVariant.named("auto", QUICK, NAMES).orElseThrow().size());
    }

    @Test
    void treesThatCannotReadTheDenseScoreAreBlendedWithItAndServeTheBlend() {
        // trees may read only the decoy: the inner folds' held-out queries must choose a dense weight above 0
        TreeVariant blind = new TreeVariant("decoy-only", QUICK, false, null, List.of(), List.of("rating"));
        TrainedTrees trained = new LambdaMartTrainer(1).train(groups(30, 8), NAMES, List.of(blind));

        assertTrue(trained.denseBlend() > 0, "dense blend " + trained.denseBlend());
        BaseMargin margin = trained.ranker().margin();
        assertEquals(new BaseMargin("dense.score_minmax", 0, trained.denseBlend()), margin);
        double unseen = LambdaMartTrainer.meanNdcg(trained.ranker(), groups(15, 9));
        assertTrue(unseen > 0.8, "held-out NDCG@10 of the blend " + unseen);
        TreeRanker reloaded =
                TreeRanker.load(trained.ranker().bytes(), NAMES.size(), BaseMargin.read(margin.describe(), NAMES));
        float[][] rows = groups(1, 10).get(0).flat();
        assertArrayEquals(trained.ranker().score(rows), reloaded.score(rows), 1e-5f);
    }

    @Test
    void aDenseBlendAddsToADenseStartingScore() {
        BaseMargin residual = BaseMargin.of("dense.score_minmax", 4, NAMES);
        assertEquals(residual, LambdaMartTrainer.servingMargin(residual, 0, NAMES));
        assertEquals(new BaseMargin("dense.score_minmax", 0, 6), LambdaMartTrainer.servingMargin(residual, 2, NAMES));
        assertEquals(new BaseMargin("dense.score_minmax", 0, 0.5), LambdaMartTrainer.servingMargin(null, 0.5, NAMES));
        assertEquals(null, LambdaMartTrainer.servingMargin(null, 0, NAMES));
    }

    /**
     * 30 candidates per query; grade 0-3 from the dense score with noise, "rating" (a decoy) agrees with the grade
     * in training queries only by chance.
     */
    static List<RankingGroup> groups(int count, long seed) {
        Random random = new Random(seed);
        List<RankingGroup> groups = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            float[][] rows = new float[30][NAMES.size()];
            float[] labels = new float[30];
            for (int i = 0; i < rows.length; i++) {
                for (int f = 0; f < NAMES.size(); f++) {
                    rows[i][f] = random.nextFloat();
                }
                labels[i] = Math.min(3, (int) ((0.8 * rows[i][0] + 0.2 * rows[i][1]) * 4));
            }
            groups.add(new RankingGroup("q" + g, rows, labels));
        }
        return groups;
    }
}
