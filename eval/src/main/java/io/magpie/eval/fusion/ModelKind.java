package io.magpie.eval.fusion;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The learned-ranker kinds fusion-service trains ({@code POST /v1/admin/models/<name>}), with the names of their
 * training figures, so the same k-fold can measure either.
 */
enum ModelKind {
    LAMBDAMART(
            "lambdamart",
            "LambdaMART over the fusion features",
            "rounds",
            "crossValidNdcg10",
            "rounds chosen by 4-fold cross-validation inside each fold's training queries (mean NDCG@10 curve)"),
    ATTENTION(
            "attention",
            "attention fusion (DJL) over the fusion features",
            "bestEpoch",
            "validationNdcg10AtBestEpoch",
            "epochs chosen by early stopping on 20% of each fold's training queries");

    private final String label;
    private final String description;
    private final String stepsMetric;
    private final String validationMetric;
    private final String stopping;

    ModelKind(String label, String description, String stepsMetric, String validationMetric, String stopping) {
        this.label = label;
        this.description = description;
        this.stepsMetric = stepsMetric;
        this.validationMetric = validationMetric;
        this.stopping = stopping;
    }

    /** The kind's name: its training endpoint's last segment and its model versions' name. */
    String label() {
        return label;
    }

    String description() {
        return description;
    }

    /** The training figure that says how long it trained (trees: rounds; attention: best epoch). */
    String stepsMetric() {
        return stepsMetric;
    }

    /** The training figure with the validation NDCG@10 of the kept model. */
    String validationMetric() {
        return validationMetric;
    }

    /** How the training length was chosen, for the report. */
    String stopping() {
        return stopping;
    }

    /** The report's file name when {@code --name} is not given. */
    String defaultReportName() {
        return this == LAMBDAMART ? "fusion-esci" : "fusion-esci-" + label;
    }

    static ModelKind of(String label) {
        return Arrays.stream(values())
                .filter(k -> k.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--kind is one of " + labels() + ", not " + label));
    }

    static String labels() {
        return Arrays.stream(values()).map(ModelKind::label).collect(Collectors.joining(", "));
    }
}
