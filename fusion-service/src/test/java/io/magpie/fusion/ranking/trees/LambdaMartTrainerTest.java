package io.magpie.fusion.ranking.trees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.fusion.ranking.Ndcg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * LambdaMART with the real XGBoost natives: groups whose grade follows one feature (plus noise features) must be
 * learnt, the model must survive a save and load, and what is not a model must be refused.
 */
class LambdaMartTrainerTest {

    private static final int FEATURES = 4;

    @Test
    void learnsTheFeatureThatDecidesTheGradeAndRanksUnseenQueriesByIt() {
        TrainedTrees trained = new LambdaMartTrainer(1).train(groups(60, 1), FEATURES, TreeParameters.DEFAULTS);
        List<RankingGroup> unseen = groups(20, 2);

        assertTrue(
                LambdaMartTrainer.meanNdcg(trained.ranker(), unseen) > 0.9,
                "held-out NDCG@10 " + LambdaMartTrainer.meanNdcg(trained.ranker(), unseen));
        assertTrue(trained.rounds() >= 1 && trained.rounds() <= TreeParameters.DEFAULTS.maxRounds());
        assertEquals(60, trained.trainingQueries());
        // rounds were chosen by 4 inner folds, each scored on queries its model did not fit
        assertEquals(4, trained.foldNdcg().length);
        assertTrue(trained.crossValidNdcg() > 0.9, "cross-validated NDCG@10 " + trained.crossValidNdcg());
        // a random order scores far lower on the same groups: the test can fail
        float[][] rows = unseen.get(0).flat();
        float[] random = new float[rows.length];
        Random r = new Random(3);
        for (int i = 0; i < random.length; i++) {
            random[i] = r.nextFloat();
        }
        assertTrue(Ndcg.ofGrades(10, random, unseen.get(0).labels()) < 0.9);
    }

    @Test
    void savedAndLoadedModelScoresAlikeAndContributionsSumToTheScore() {
        TrainedTrees trained = new LambdaMartTrainer(1).train(groups(30, 4), FEATURES, TreeParameters.DEFAULTS);
        float[][] rows = groups(1, 5).get(0).flat();

        TreeRanker reloaded = TreeRanker.load(trained.ranker().bytes(), FEATURES);
        float[] scores = trained.ranker().score(rows);
        assertArrayEquals(scores, reloaded.score(rows), 1e-6f);

        float[][] contributions = reloaded.contributions(rows);
        assertEquals(FEATURES + 1, contributions[0].length);
        assertContributionsSumToScores(contributions, scores);
        // the deciding feature carries the largest contributions
        double[] meanAbs = new double[FEATURES];
        for (float[] row : contributions) {
            for (int f = 0; f < FEATURES; f++) {
                meanAbs[f] += Math.abs(row[f]);
            }
        }
        assertEquals(0, argMax(meanAbs), Arrays.toString(meanAbs));
    }

    @Test
    void corruptBytesOrAnotherFeatureCountAreRefused() {
        TrainedTrees trained = new LambdaMartTrainer(1).train(groups(10, 6), FEATURES, TreeParameters.DEFAULTS);
        byte[] bytes = trained.ranker().bytes();
        byte[] corrupt = Arrays.copyOf(bytes, bytes.length / 2);

        assertThrows(IllegalArgumentException.class, () -> TreeRanker.load(corrupt, FEATURES));
        assertThrows(IllegalArgumentException.class, () -> TreeRanker.load("not a model".getBytes(), FEATURES));
        assertThrows(IllegalArgumentException.class, () -> TreeRanker.load(bytes, FEATURES + 1));
    }

    @Test
    void aBaggedModelScoresTheMeanOfItsMembersAndSurvivesASaveAndLoad() {
        TrainedTrees bagged = new LambdaMartTrainer(1).train(groups(40, 8), FEATURES, TreeParameters.DEFAULTS, true);
        float[][] rows = groups(1, 9).get(0).flat();
        // the refit and the four inner-fold models (ADR 0042)
        assertEquals(5, bagged.ranker().members());
        BaseMargin margin = new BaseMargin("f1", 1, 2.0);
        List<byte[]> members = bagged.ranker().memberBytes();
        TreeRanker reloaded = TreeRanker.load(members, FEATURES, margin);

        float[] mean = new float[rows.length];
        boolean membersDiffer = false;
        float[] first = null;
        for (byte[] member : members) {
            float[] scores = TreeRanker.load(member, FEATURES, margin).score(rows);
            for (int i = 0; i < rows.length; i++) {
                mean[i] += scores[i] / members.size();
            }
            membersDiffer |= first != null && !Arrays.equals(first, scores);
            first = first == null ? scores : first;
        }
        // fit on different queries, the members disagree: a mean is not any one of them
        assertTrue(membersDiffer);
        float[] scores = reloaded.score(rows);
        assertArrayEquals(mean, scores, 1e-5f);
        // saved and loaded, the bag scores as trained (plus the margin both add)
        float[] trainedScores = bagged.ranker().score(rows);
        for (int i = 0; i < rows.length; i++) {
            assertEquals(trainedScores[i] + 2.0 * rows[i][1], scores[i], 1e-5);
        }
        // the averaged contributions still sum to the score
        float[][] contributions = reloaded.contributions(rows);
        assertContributionsSumToScores(contributions, scores);
        // not bagged: the refit alone, the first member
        TrainedTrees refit = new LambdaMartTrainer(1).train(groups(40, 8), FEATURES, TreeParameters.DEFAULTS);
        assertEquals(1, refit.ranker().members());
        assertArrayEquals(
                refit.ranker().score(rows),
                TreeRanker.load(members.get(0), FEATURES).score(rows),
                1e-6f);
    }

    @Test
    void aBagWithACorruptMemberIsRefused() {
        TrainedTrees bagged = new LambdaMartTrainer(1).train(groups(20, 10), FEATURES, TreeParameters.DEFAULTS, true);
        List<byte[]> members = new ArrayList<>(bagged.ranker().memberBytes());
        byte[] last = members.get(members.size() - 1);
        members.set(members.size() - 1, Arrays.copyOf(last, last.length / 2));

        assertThrows(IllegalArgumentException.class, () -> TreeRanker.load(members, FEATURES, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> TreeRanker.load(bagged.ranker().memberBytes(), FEATURES + 1, null));
        assertThrows(IllegalArgumentException.class, () -> TreeRanker.load(List.of(), FEATURES, null));
    }

    @Test
    void groupsWithoutAnyRelevantCandidateAreNothingToLearnFrom() {
        List<RankingGroup> unlabelled = new ArrayList<>();
        for (RankingGroup g : groups(5, 7)) {
            unlabelled.add(new RankingGroup(g.query(), g.flat(), new float[g.labels().length]));
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> new LambdaMartTrainer(1).train(unlabelled, FEATURES, TreeParameters.DEFAULTS));
    }

    /** Each row's contributions (features and bias) add up to its score. */
    static void assertContributionsSumToScores(float[][] contributions, float[] scores) {
        for (int i = 0; i < scores.length; i++) {
            double sum = 0;
            for (float c : contributions[i]) {
                sum += c;
            }
            assertEquals(scores[i], sum, 1e-3);
        }
    }

    /** 30 candidates per query; grade 0-3 from feature 0, the other features noise. */
    static List<RankingGroup> groups(int count, long seed) {
        Random random = new Random(seed);
        List<RankingGroup> groups = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            float[][] rows = new float[30][FEATURES];
            float[] labels = new float[30];
            for (int i = 0; i < rows.length; i++) {
                for (int f = 0; f < FEATURES; f++) {
                    rows[i][f] = random.nextFloat();
                }
                labels[i] = Math.min(3, (int) (rows[i][0] * 4));
            }
            groups.add(new RankingGroup("q" + g, rows, labels));
        }
        return groups;
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
