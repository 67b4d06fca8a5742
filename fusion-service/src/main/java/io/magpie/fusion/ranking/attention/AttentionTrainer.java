package io.magpie.fusion.ranking.attention;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.magpie.fusion.ranking.Ndcg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains an attention fusion model on labelled queries: listwise softmax loss (the softmax of each query's scores
 * against its gains normalised to a distribution), AdamW, mini-batches of whole queries, early stopping on the
 * mean NDCG@10 of a seeded validation share of the queries; the parameters of the best epoch are kept. The same
 * queries, hyper-parameters and seed give the same model.
 *
 * <p>DJL's PyTorch gradient collector is one per process at a time: run one training at a time.
 */
public final class AttentionTrainer {

    private static final int NDCG_AT = 10;
    /** Validation queries per forward pass. */
    private static final int EVALUATION_BATCH = 64;
    /** Added to padded candidates' scores before the softmax, so that they get no probability. */
    private static final float PADDING = -1e9f;

    private AttentionTrainer() {}

    /**
     * @throws AttentionInputException when a query does not fit the shape, holds NaN or negative gains, or fewer
     *                                 than two queries have a positive label
     */
    public static AttentionFusionModel train(
            AttentionShape shape,
            FeatureSchemaId featureSchema,
            List<TrainingQuery> queries,
            AttentionHyperParameters hp) {
        long start = System.nanoTime();
        IntraOpThreads.ensure();
        List<TrainingQuery> usable = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            queries.get(q).validate(shape, q);
            if (queries.get(q).hasPositive()) {
                usable.add(queries.get(q));
            }
        }
        if (usable.size() < 2) {
            throw new AttentionInputException(
                    "queries",
                    "need at least 2 queries with a positive label, got " + usable.size() + " of " + queries.size());
        }
        Collections.shuffle(usable, new Random(hp.seed()));
        // At least one query on each side, whatever the share.
        int validationSize =
                (int) Math.min(usable.size() - 1, Math.max(1, Math.round(usable.size() * hp.validationShare())));
        List<TrainingQuery> validation = List.copyOf(usable.subList(0, validationSize));
        List<TrainingQuery> training = List.copyOf(usable.subList(validationSize, usable.size()));

        InputStandardisation standardisation = InputStandardisation.fit(
                shape, training.stream().map(TrainingQuery::input).toList());
        AttentionFusionModel model = AttentionFusionModel.untrained(shape, featureSchema, hp, standardisation);
        try {
            return run(model, training, validation, hp, queries.size() - usable.size(), start);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static AttentionFusionModel run(
            AttentionFusionModel model,
            List<TrainingQuery> training,
            List<TrainingQuery> validation,
            AttentionHyperParameters hp,
            int skipped,
            long start) {
        Optimizer optimizer = Optimizer.adamW()
                .optLearningRateTracker(Tracker.fixed(hp.learningRate()))
                .optWeightDecays(hp.weightDecay())
                .build();
        Engine engine = model.manager().getEngine();
        List<Pair<String, Parameter>> trainable = model.block().getParameters().stream()
                .filter(p -> p.getValue().requiresGradient())
                .toList();
        List<Double> losses = new ArrayList<>();
        List<Double> ndcgs = new ArrayList<>();
        Map<String, float[]> best = snapshot(model);
        double bestNdcg = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int epoch = 0;
        while (epoch < hp.maxEpochs() && epoch - bestEpoch < hp.patience()) {
            epoch++;
            List<TrainingQuery> order = new ArrayList<>(training);
            Collections.shuffle(order, new Random(hp.seed() * 31 + epoch));
            double lossSum = 0;
            int batches = 0;
            for (int from = 0; from < order.size(); from += hp.queriesPerBatch()) {
                List<TrainingQuery> batch = order.subList(from, Math.min(order.size(), from + hp.queriesPerBatch()));
                lossSum += lossAndGradients(engine, model, batch);
                batches++;
                for (Pair<String, Parameter> parameter : trainable) {
                    NDArray weight = parameter.getValue().getArray();
                    try (NDArray gradient = weight.getGradient()) {
                        optimizer.update(parameter.getValue().getId(), weight, gradient);
                    }
                    // PyTorch adds each backward pass's gradients to the last ones: clear them for the next step.
                    JniUtils.zeroGrad((PtNDArray) weight);
                }
            }
            losses.add(lossSum / batches);
            double ndcg = meanNdcg(model, validation);
            ndcgs.add(ndcg);
            if (ndcg > bestNdcg) {
                bestNdcg = ndcg;
                bestEpoch = epoch;
                best = snapshot(model);
            }
        }
        // Serving needs no gradients; freeze first, then the in-place restore of the best epoch is allowed.
        model.block().freezeParameters(true);
        for (Pair<String, Parameter> parameter : model.block().getParameters()) {
            parameter.getValue().getArray().set(best.get(parameter.getKey()));
        }
        TrainingMetrics metrics = new TrainingMetrics(
                training.size(),
                validation.size(),
                skipped,
                epoch,
                bestEpoch,
                bestNdcg,
                ndcgs,
                losses,
                (System.nanoTime() - start) / 1e9);
        return model.withMetrics(metrics);
    }

    /** Forward pass of a batch and its listwise loss under a gradient collector, then backward. */
    private static double lossAndGradients(Engine engine, AttentionFusionModel model, List<TrainingQuery> batch) {
        List<AttentionInput> inputs = batch.stream().map(TrainingQuery::input).toList();
        try (NDManager scope = model.manager().newSubManager();
                GradientCollector collector = engine.newGradientCollector()) {
            NDList tensors = AttentionTensors.of(scope, model.shape(), inputs);
            NDArray mask = AttentionTensors.candidateMask(scope, inputs);
            NDArray targets = targets(scope, batch, AttentionTensors.longest(inputs));
            NDArray scores = model.forward(scope, tensors, true).get(0);
            NDArray logProbabilities = scores.add(mask.sub(1f).mul(-PADDING)).logSoftmax(1);
            NDArray loss =
                    targets.mul(logProbabilities).sum(new int[] {1}).mean().neg();
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    /** Each query's gains divided by their sum: the distribution its softmax should match; padding gets 0. */
    private static NDArray targets(NDManager manager, List<TrainingQuery> batch, int candidates) {
        float[] targets = new float[batch.size() * candidates];
        for (int b = 0; b < batch.size(); b++) {
            float[] gains = batch.get(b).gains();
            double sum = 0;
            for (float gain : gains) {
                sum += gain;
            }
            for (int i = 0; i < gains.length; i++) {
                targets[b * candidates + i] = (float) (gains[i] / sum);
            }
        }
        return manager.create(targets, new Shape(batch.size(), candidates));
    }

    /** Mean NDCG@10 of the queries under the model as it is now, scored a batch of queries per forward pass. */
    static double meanNdcg(AttentionFusionModel model, List<TrainingQuery> queries) {
        double sum = 0;
        int counted = 0;
        for (int from = 0; from < queries.size(); from += EVALUATION_BATCH) {
            List<TrainingQuery> batch = queries.subList(from, Math.min(queries.size(), from + EVALUATION_BATCH));
            List<AttentionInput> inputs =
                    batch.stream().map(TrainingQuery::input).toList();
            float[] scores;
            try (NDManager scope = model.manager().newSubManager()) {
                scores = model.forward(scope, AttentionTensors.of(scope, model.shape(), inputs), false)
                        .get(0)
                        .toFloatArray();
            }
            int candidates = AttentionTensors.longest(inputs);
            for (int b = 0; b < batch.size(); b++) {
                float[] gains = batch.get(b).gains();
                double ndcg = Ndcg.at(
                        NDCG_AT, Arrays.copyOfRange(scores, b * candidates, b * candidates + gains.length), gains);
                if (!Double.isNaN(ndcg)) {
                    sum += ndcg;
                    counted++;
                }
            }
        }
        return counted == 0 ? 0 : sum / counted;
    }

    private static Map<String, float[]> snapshot(AttentionFusionModel model) {
        Map<String, float[]> values = new HashMap<>();
        for (Pair<String, Parameter> parameter : model.block().getParameters()) {
            values.put(parameter.getKey(), parameter.getValue().getArray().toFloatArray());
        }
        return values;
    }
}
