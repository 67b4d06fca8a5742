package io.magpie.encoder.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The training loop on the real MiniLM weights: gradients reach every tensor and the loss goes down. */
class ContrastiveTrainerTest {

    /** Pairs the base model ranks poorly on purpose: the query words do not appear in their products. */
    static final List<TrainingPair> TOY = List.of(
            new TrainingPair("zork", "Stainless steel kitchen knife set with wooden block"),
            new TrainingPair("blarf", "Wireless noise cancelling over-ear headphones"),
            new TrainingPair("quib", "Organic green tea bags, 100 count"),
            new TrainingPair("mimsy", "Kids waterproof rain boots with handles"));

    static MiniLmFixture base;

    @BeforeAll
    static void load() throws Exception {
        base = new MiniLmFixture();
    }

    @AfterAll
    static void close() {
        base.close();
    }

    @Test
    void gradientsReachEveryParameter() throws Exception {
        try (TrainableEncoder encoder = base.trainable(64)) {
            double loss = ContrastiveTrainer.lossAndGradients(encoder.manager().getEngine(), encoder, TOY, 0.05f);
            assertTrue(loss > 0 && Double.isFinite(loss), "loss " + loss);
            List<String> without = new ArrayList<>();
            for (Map.Entry<String, NDArray> parameter :
                    encoder.namedParameters().entrySet()) {
                try (NDArray gradient = parameter.getValue().getGradient()) {
                    if (!(gradient.abs().sum().getFloat() > 0)) {
                        without.add(parameter.getKey());
                    }
                }
            }
            assertEquals(List.of(), without, "parameters without a gradient");
            assertEquals(
                    3 + 2 + 16 * base.checkpoint.config().layers(),
                    encoder.namedParameters().size());
        }
    }

    @Test
    void lossFallsOnAToySet() throws Exception {
        Hyperparameters hp = new Hyperparameters(6, 4, 1e-4f, 0f, 0.01f, 0.05f, 64, 7L, 0);
        List<TrainingProgress> steps = new ArrayList<>();
        List<Integer> checkpoints = new ArrayList<>();
        try (TrainableEncoder encoder = base.trainable(64)) {
            float before = encoder.parameters().layers().get(0).query().weight().getFloat(0, 0);
            ContrastiveTrainer.Outcome outcome =
                    ContrastiveTrainer.train(encoder, TOY, hp, new ContrastiveTrainer.Listener() {
                        @Override
                        public void onStep(TrainingProgress progress) {
                            steps.add(progress);
                        }

                        @Override
                        public void onCheckpoint(TrainingProgress progress, TrainableEncoder trained) {
                            checkpoints.add(progress.step());
                        }
                    });
            float after = encoder.parameters().layers().get(0).query().weight().getFloat(0, 0);

            assertEquals(6, outcome.steps());
            assertEquals(6, steps.size());
            double first = steps.get(0).loss();
            double last = steps.get(steps.size() - 1).loss();
            System.out.printf(
                    "toy loss per step: %s%n",
                    steps.stream().map(s -> String.format("%.4f", s.loss())).toList());
            assertTrue(last < first * 0.5, "loss went from " + first + " to " + last);
            assertTrue(before != after, "weights did not change");
            // One step per epoch: a checkpoint at the end of every epoch but the last.
            assertEquals(List.of(1, 2, 3, 4, 5), checkpoints);
            assertEquals(6, steps.get(5).totalSteps());
            assertEquals(0, steps.get(5).remaining().toMillis());
        }
    }
}
