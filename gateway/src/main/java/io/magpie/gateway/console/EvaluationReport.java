package io.magpie.gateway.console;

import io.magpie.api.encoder.ModelInfo;
import io.magpie.api.encoder.ModelList;
import io.magpie.api.fusion.FusionModelActivation;
import io.magpie.api.fusion.FusionModelInfo;
import io.magpie.api.fusion.FusionModelList;
import io.quarkus.qute.TemplateData;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The latest evaluation report on the operations page, read-only: what the fusion model registry records for the
 * active learned ranker and the other versions (kind, version, training figures, history of activations), and the
 * encoder's active models. It shows only what the services record; where they record nothing, it says so.
 *
 * @param active      the active learned ranker, null when the storefront gets the fixed strategy
 * @param headline    the figure versions are compared on (their cross-validated NDCG@10), as named in metrics
 * @param candidates  every other version, newest first, with its headline figure against the active one's
 * @param fixed       the active version's own figures for the fixed strategy, empty when training recorded none
 * @param activations the registry's history of activations, newest first
 * @param encoders    each encoder model's active version, {@code name@version}
 */
@TemplateData
public record EvaluationReport(
        FusionModelInfo active,
        String headline,
        List<Candidate> candidates,
        Map<String, Double> fixed,
        List<FusionModelActivation> activations,
        List<String> encoders) {

    /** The training figure that stands for a version's quality, by kind: the first one a version has. */
    static final List<String> HEADLINES = List.of("crossValidNdcg10", "validationNdcg10AtBestEpoch");

    /**
     * @param model      the version
     * @param figure     its headline figure, null when it has none
     * @param difference the figure minus the active version's, as text ({@code +0.0123}), empty when not comparable
     */
    @TemplateData
    public record Candidate(FusionModelInfo model, Double figure, String difference) {}

    /** @param fusion or null when fusion-service did not answer; likewise {@code encoder} */
    public static EvaluationReport of(FusionModelList fusion, ModelList encoder) {
        List<String> encoders = encoder == null
                ? List.of()
                : encoder.models().stream()
                        .filter(model -> model.activeVersion() != null)
                        .map(EvaluationReport::activeName)
                        .toList();
        if (fusion == null) {
            return new EvaluationReport(null, null, List.of(), Map.of(), List.of(), encoders);
        }
        FusionModelInfo active = fusion.models().stream()
                .filter(FusionModelInfo::active)
                .findFirst()
                .orElse(null);
        Double activeFigure = active == null ? null : headline(active);
        List<Candidate> candidates = fusion.models().stream()
                .filter(model -> !model.active())
                .map(model -> {
                    Double figure = headline(model);
                    String difference = figure == null || activeFigure == null
                            ? ""
                            : String.format(Locale.ROOT, "%+.4f", figure - activeFigure);
                    return new Candidate(model, figure, difference);
                })
                .toList();
        return new EvaluationReport(
                active,
                active == null ? null : headlineName(active),
                candidates,
                active == null ? Map.of() : fixedStrategyFigures(active),
                fusion.activations() == null ? List.of() : fusion.activations(),
                encoders);
    }

    private static String activeName(ModelInfo model) {
        return model.name() + "@" + model.activeVersion();
    }

    private static String headlineName(FusionModelInfo model) {
        return HEADLINES.stream()
                .filter(name -> model.metrics() != null && model.metrics().containsKey(name))
                .findFirst()
                .orElse(null);
    }

    private static Double headline(FusionModelInfo model) {
        String name = headlineName(model);
        return name == null ? null : model.metrics().get(name);
    }

    /** Figures a trainer recorded for the fixed strategy on the same data (metric names containing "fixed"). */
    private static Map<String, Double> fixedStrategyFigures(FusionModelInfo model) {
        if (model.metrics() == null) {
            return Map.of();
        }
        Map<String, Double> fixed = new java.util.TreeMap<>();
        model.metrics().forEach((name, value) -> {
            if (name.toLowerCase(Locale.ROOT).contains("fixed")) {
                fixed.put(name, value);
            }
        });
        return fixed;
    }
}
