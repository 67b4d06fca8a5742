package io.magpie.fusion.ranking.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.fusion.ranking.Ndcg;
import io.magpie.fusion.ranking.attention.SyntheticLists.Labelled;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Real training with DJL on PyTorch, on synthetic lists whose reliable source depends on the request. */
class AttentionTrainingTest {

    private static final AttentionHyperParameters HP =
            AttentionHyperParameters.defaults().withEpochs(60, 10);

    @Test
    void learnsWhichSourceToTrustFromTheContextAndBeatsEverySingleSourceAndTheAverage() {
        List<Labelled> train = new SyntheticLists(1, 30, 0.1).queries(400);
        List<Labelled> heldOut = new SyntheticLists(2, 30, 0.1).queries(200);

        try (AttentionFusionModel model = AttentionTrainer.train(
                SyntheticLists.SHAPE,
                SyntheticLists.SCHEMA,
                train.stream().map(Labelled::query).toList(),
                HP)) {
            double learned =
                    meanNdcg(heldOut, q -> model.score(q.query().input()).scores());
            double source0 = meanNdcg(heldOut, q -> q.singleSource(0));
            double source1 = meanNdcg(heldOut, q -> q.singleSource(1));
            double average = meanNdcg(heldOut, Labelled::average);
            double[] informativeWeight = meanWeights(model, heldOut);
            TrainingMetrics metrics = model.metrics().orElseThrow();
            System.out.printf(
                    "held-out NDCG@10: attention %.4f, source 0 %.4f, source 1 %.4f, average %.4f;"
                            + " mean attention on the informative source %.3f, on the other %.3f;"
                            + " %d epochs (best %d, validation %.4f) in %.1f s%n",
                    learned,
                    source0,
                    source1,
                    average,
                    informativeWeight[0],
                    informativeWeight[1],
                    metrics.epochs(),
                    metrics.bestEpoch(),
                    metrics.bestValidationNdcg10(),
                    metrics.seconds());

            double bestBaseline = Math.max(Math.max(source0, source1), average);
            assertTrue(learned > bestBaseline + 0.05, "attention " + learned + " vs best baseline " + bestBaseline);
            assertTrue(
                    informativeWeight[0] > 0.6 && informativeWeight[0] > informativeWeight[1],
                    "attention on the informative source " + informativeWeight[0] + " vs " + informativeWeight[1]);
            assertEquals(320, metrics.trainingQueries());
            assertEquals(80, metrics.validationQueries());
            assertTrue(metrics.epochs() - metrics.bestEpoch() <= HP.patience());
            assertEquals(
                    metrics.bestValidationNdcg10(), metrics.validationNdcg10().get(metrics.bestEpoch() - 1));
            assertEquals(
                    metrics.bestValidationNdcg10(),
                    metrics.validationNdcg10().stream()
                            .mapToDouble(Double::doubleValue)
                            .max()
                            .orElseThrow());
        }
    }

    @Test
    void sameQueriesAndSeedGiveTheSameModel() {
        List<TrainingQuery> train = new SyntheticLists(3, 20, 0.1)
                .queries(40).stream().map(Labelled::query).toList();
        AttentionInput probe = new SyntheticLists(4, 20, 0.1).query(1).query().input();
        AttentionHyperParameters hp = HP.withEpochs(3, 3);
        try (AttentionFusionModel first =
                        AttentionTrainer.train(SyntheticLists.SHAPE, SyntheticLists.SCHEMA, train, hp);
                AttentionFusionModel second =
                        AttentionTrainer.train(SyntheticLists.SHAPE, SyntheticLists.SCHEMA, train, hp);
                AttentionFusionModel otherSeed =
                        AttentionTrainer.train(SyntheticLists.SHAPE, SyntheticLists.SCHEMA, train, hp.withSeed(7))) {
            assertArrayEquals(first.score(probe).scores(), second.score(probe).scores());
            assertTrue(!java.util.Arrays.equals(
                    first.score(probe).scores(), otherSeed.score(probe).scores()));
        }
    }

    @Test
    void twoUsableQueriesKeepOneForTrainingWhateverTheValidationShare() {
        List<TrainingQuery> two = new SyntheticLists(9, 10, 0)
                .queries(2).stream().map(Labelled::query).toList();
        AttentionHyperParameters mostlyValidation =
                new AttentionHyperParameters(8, 8, 8, 3e-3f, 0.01f, 4, 2, 2, 0.9, 1);
        try (AttentionFusionModel model =
                AttentionTrainer.train(SyntheticLists.SHAPE, SyntheticLists.SCHEMA, two, mostlyValidation)) {
            TrainingMetrics metrics = model.metrics().orElseThrow();
            assertEquals(1, metrics.trainingQueries());
            assertEquals(1, metrics.validationQueries());
            assertTrue(metrics.trainingLoss().stream().allMatch(loss -> Double.isFinite(loss)));
        }
    }

    @Test
    void queriesWithoutAnyPositiveLabelCannotTrainAModel() {
        List<TrainingQuery> unlabelled = new SyntheticLists(5, 10, 0)
                .queries(5).stream()
                        .map(l -> new TrainingQuery(l.query().input(), new float[10]))
                        .toList();
        AttentionInputException refused = assertThrows(
                AttentionInputException.class,
                () -> AttentionTrainer.train(SyntheticLists.SHAPE, SyntheticLists.SCHEMA, unlabelled, HP));
        assertEquals(400, refused.status());
        assertEquals("queries", refused.errors().get(0).field());
    }

    @Test
    void negativeOrNaNGainsAndMisshapenQueriesAreRefusedNamingTheQuery() {
        List<TrainingQuery> queries = new java.util.ArrayList<>(new SyntheticLists(6, 10, 0)
                .queries(4).stream().map(Labelled::query).toList());
        float[] gains = queries.get(2).gains().clone();
        gains[3] = Float.NaN;
        queries.set(2, new TrainingQuery(queries.get(2).input(), gains));
        AttentionInputException nan = assertThrows(
                AttentionInputException.class,
                () -> AttentionTrainer.train(SyntheticLists.SHAPE, SyntheticLists.SCHEMA, queries, HP));
        assertEquals("queries[2].gains[3]", nan.errors().get(0).field());

        TrainingQuery fewerGains = new TrainingQuery(queries.get(0).input(), new float[3]);
        AttentionInputException shortGains = assertThrows(
                AttentionInputException.class,
                () -> AttentionTrainer.train(SyntheticLists.SHAPE, SyntheticLists.SCHEMA, List.of(fewerGains), HP));
        assertEquals("queries[0].gains", shortGains.errors().get(0).field());

        AttentionShape wider = new AttentionShape(3, 2, 1, 2);
        AttentionInputException misshapen = assertThrows(
                AttentionInputException.class,
                () -> AttentionTrainer.train(wider, SyntheticLists.SCHEMA, queries.subList(0, 2), HP));
        assertEquals("queries[0].sources[0]", misshapen.errors().get(0).field());
    }

    @Test
    void queriesBuiltCandidateByCandidateTrainLikeTheSameQueriesGivenWhole() {
        List<TrainingQuery> whole = new SyntheticLists(8, 12, 0.2)
                .queries(20).stream().map(Labelled::query).toList();
        List<TrainingQuery> byCandidate = whole.stream()
                .map(q -> {
                    AttentionInput in = q.input();
                    List<LabelledCandidate> candidates = java.util.stream.IntStream.range(0, in.size())
                            .mapToObj(i -> new LabelledCandidate(
                                    in.sources()[i], in.present()[i], in.items()[i], q.gains()[i]))
                            .toList();
                    return TrainingQuery.of(in.context(), candidates);
                })
                .toList();
        AttentionInput probe = whole.get(0).input();
        AttentionHyperParameters hp = HP.withEpochs(2, 2);
        try (AttentionFusionModel a = AttentionTrainer.train(SyntheticLists.SHAPE, SyntheticLists.SCHEMA, whole, hp);
                AttentionFusionModel b =
                        AttentionTrainer.train(SyntheticLists.SHAPE, SyntheticLists.SCHEMA, byCandidate, hp)) {
            assertArrayEquals(a.score(probe).scores(), b.score(probe).scores());
        }
        LabelledCandidate misshapen = new LabelledCandidate(new float[2][2], new boolean[2], new float[1], 2f);
        LabelledCandidate wrongPresence = new LabelledCandidate(new float[2][2], new boolean[3], new float[1], 1f);
        AttentionInputException refused = assertThrows(
                AttentionInputException.class,
                () -> AttentionTrainer.train(
                        SyntheticLists.SHAPE,
                        SyntheticLists.SCHEMA,
                        List.of(whole.get(0), TrainingQuery.of(new float[2], List.of(misshapen, wrongPresence))),
                        hp));
        assertEquals("queries[1].present[1]", refused.errors().get(0).field());
    }

    private static double meanNdcg(List<Labelled> queries, Function<Labelled, float[]> ranking) {
        return queries.stream()
                .mapToDouble(q -> Ndcg.at(10, ranking.apply(q), q.query().gains()))
                .average()
                .orElseThrow();
    }

    /** Mean attention weight of the informative and of the other source, over candidates both proposed. */
    private static double[] meanWeights(AttentionFusionModel model, List<Labelled> queries) {
        double informative = 0;
        double other = 0;
        int counted = 0;
        for (Labelled q : queries) {
            float[][] weights = model.score(q.query().input()).weights();
            for (int i = 0; i < weights.length; i++) {
                boolean[] present = q.query().input().present()[i];
                if (present[0] && present[1]) {
                    informative += weights[i][q.informative()];
                    other += weights[i][1 - q.informative()];
                    counted++;
                }
            }
        }
        return new double[] {informative / counted, other / counted};
    }
}
