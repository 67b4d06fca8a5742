package io.magpie.eval.fusion;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What the commands that train learned rankers through the platform share: where, which kind, which data, folds. */
public class FusionTrainingOptions {

    @Option(
            names = "--fusion",
            defaultValue = "http://127.0.0.1:8084",
            description = "fusion-service, for training (default: ${DEFAULT-VALUE})")
    URI fusion;

    @Option(
            names = "--kind",
            defaultValue = "lambdamart",
            description = "learned ranker to train: lambdamart or attention (default: ${DEFAULT-VALUE})")
    String kindName;

    @Option(names = "--dataset", defaultValue = "../shared/datasets/esci-subset", description = "ESCI folder")
    Path dataset;

    @Option(names = "-k", defaultValue = "5", description = "folds by query (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--fold-seed", defaultValue = "20260101", description = "seed of the split")
    long foldSeed;

    @Option(names = "--depth", defaultValue = "100", description = "candidates per source (default: ${DEFAULT-VALUE})")
    int depth;

    /**
     * The kind asked for, once it and the data set are checked; empty, with the reason printed (the data set's ending
     * in {@code missingDataNote}), when either is wrong: the command then exits with 2.
     */
    Optional<ModelKind> checkedKind(String missingDataNote) {
        ModelKind kind;
        try {
            kind = ModelKind.of(kindName);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return Optional.empty();
        }
        if (!Files.isRegularFile(dataset.resolve("queries.tsv"))) {
            System.err.println("no ESCI data set at " + dataset.toAbsolutePath().normalize() + missingDataNote);
            return Optional.empty();
        }
        return Optional.of(kind);
    }
}
