package io.magpie.eval.finetune;

import io.magpie.api.encoder.FineTuningRequest;
import picocli.CommandLine.Option;

/** Hyper-parameters a fine-tuning command may set; those left out take the encoder's configured defaults. */
public class TrainingOptions {

    @Option(names = "--epochs", description = "passes over the pairs (default: the service's)")
    Integer epochs;

    @Option(names = "--batch-size", description = "pairs per step; the other pairs of a batch are the negatives")
    Integer batchSize;

    @Option(names = "--learning-rate", description = "peak AdamW learning rate")
    Float learningRate;

    @Option(names = "--warmup-ratio", description = "share of the steps with a linearly rising learning rate")
    Float warmupRatio;

    @Option(names = "--weight-decay", description = "AdamW's decoupled weight decay")
    Float weightDecay;

    @Option(names = "--temperature", description = "divides cosine similarities in the contrastive loss")
    Float temperature;

    @Option(names = "--max-tokens", description = "texts are cut at this many word pieces while training")
    Integer maxTokens;

    @Option(names = "--train-seed", description = "shuffling seed of the training")
    Long seed;

    @Option(names = "--checkpoint-every", description = "a checkpoint every this many steps (0: epoch ends only)")
    Integer checkpointEvery;

    public FineTuningRequest.Settings settings() {
        return new FineTuningRequest.Settings(
                epochs,
                batchSize,
                learningRate,
                warmupRatio,
                weightDecay,
                temperature,
                maxTokens,
                seed,
                checkpointEvery);
    }
}
