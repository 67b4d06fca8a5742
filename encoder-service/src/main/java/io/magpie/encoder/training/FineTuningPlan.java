package io.magpie.encoder.training;

import io.magpie.api.model.ModelRef;
import java.util.List;

/**
 * A validated fine-tuning request: everything a job needs, nothing left to check.
 *
 * @param base            the version to start from
 * @param target          the version to make
 * @param pairs           the training pairs
 * @param source          where the pairs came from, for the metadata
 * @param hyperparameters how to train
 */
public record FineTuningPlan(
        ModelRef base, ModelRef target, List<TrainingPair> pairs, String source, Hyperparameters hyperparameters) {}
