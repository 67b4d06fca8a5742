package io.magpie.eval.fusion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.metrics.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Adds what is particular to the fusion evaluation to the search report's files: the folds (training figures and
 * held-out means of every strategy on each fold's queries) and the ceiling of any fusion, the union's recall.
 */
final class FusionEvalFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FusionEvalFiles() {}

    @SuppressWarnings("unchecked")
    static void addFolds(ModelKind kind, Path json, Path markdown, Map<String, Object> fusion, List<Metric> metrics)
            throws IOException {
        ObjectNode report = (ObjectNode) JSON.readTree(json.toFile());
        report.set("fusion", JSON.valueToTree(fusion));
        JSON.writeValue(json.toFile(), report);

        StringBuilder md = new StringBuilder("\n## Learned fusion, fold by fold\n\n");
        Bootstrap.Estimate union = (Bootstrap.Estimate) fusion.get("unionRecall");
        md.append(String.format(
                Locale.ROOT,
                "%s-fold by query (split seed %s); every source asked for %s candidates; "
                        + "the union of all sources' candidates (mean %.0f products per query) holds %.4f [%.4f, %.4f] "
                        + "of the exact products (Recall of the union: the ceiling of any fusion). Training grades: %s. "
                        + "Model: %s; hyper-parameters fixed before the run (ADR 0015, 0013); %s. Best fixed strategy: "
                        + "%s.%n%n",
                fusion.get("folds"),
                fusion.get("foldSeed"),
                fusion.get("depthPerSource"),
                fusion.get("unionSizeMean"),
                union.mean(),
                union.lower(),
                union.upper(),
                fusion.get("trainingGrades"),
                kind.label(),
                kind.stopping(),
                fusion.get("bestFixed")));
        String best = (String) fusion.get("bestFixed");
        md.append("|fold|train / test queries|model|")
                .append(kind.stepsMetric())
                .append("|validation NDCG@10 (training queries)|");
        for (Metric metric : metrics) {
            md.append(metric.name())
                    .append(' ')
                    .append(kind.label())
                    .append('|')
                    .append(metric.name())
                    .append(' ')
                    .append(best)
                    .append('|');
        }
        md.append("\n|---:|---|---|---:|---:|");
        metrics.forEach(m -> md.append("---:|---:|"));
        md.append('\n');
        for (Map<String, Object> fold : (List<Map<String, Object>>) fusion.get("perFold")) {
            JsonNode training = (JsonNode) fold.get("training");
            Map<String, Map<String, Bootstrap.Estimate>> held =
                    (Map<String, Map<String, Bootstrap.Estimate>>) fold.get("heldOut");
            md.append(String.format(
                    Locale.ROOT,
                    "|%s|%s / %s|%s|%d|%.4f|",
                    fold.get("fold"),
                    fold.get("trainQueries"),
                    fold.get("testQueries"),
                    fold.get("model") + modelNote((String) fold.getOrDefault("variant", ""), training),
                    training.path(kind.stepsMetric()).asInt(),
                    training.path(kind.validationMetric()).asDouble()));
            for (Metric metric : metrics) {
                md.append(cell(held.get(kind.label()).get(metric.name())))
                        .append('|')
                        .append(cell(held.get(best).get(metric.name())))
                        .append('|');
            }
            md.append('\n');
        }
        PairedTable variants = (PairedTable) fusion.get("variants");
        if (variants != null && variants.rows().size() > 1) {
            md.append("\n## Variants of the learned ranker, side by side\n\n")
                    .append("Each variant trained and scored over the same folds (rows above use the first); the ")
                    .append("differences are paired over the same 100 queries, with (wins / losses).\n\n")
                    .append(variants.markdown());
        }
        md.append(String.format(
                Locale.ROOT,
                "%nCaptures still degraded after two retries: %s. Whole run: %.1f min.%n",
                fusion.get("degradedCaptures"),
                (double) fusion.get("minutes")));
        // the table and comparison are the search report's; the title says which command made them
        String searchReport = Files.readString(markdown)
                .replaceFirst(
                        "# Search quality on the ESCI subset", "# Learned fusion on the ESCI subset, k-fold by query")
                .replaceFirst("magpie-eval search-eval", "magpie-eval fusion-eval");
        Files.writeString(markdown, searchReport + md);
    }

    /** " (variant, dense blend w)" as far as the version has them; the blend is LambdaMART's (ADR 0040). */
    static String modelNote(String variant, JsonNode training) {
        List<String> notes = new java.util.ArrayList<>();
        if (!variant.isEmpty()) {
            notes.add(variant);
        }
        if (training.has("denseBlend")) {
            notes.add(String.format(
                    Locale.ROOT, "dense blend %s", training.path("denseBlend").asDouble()));
        }
        if (training.path("bagMembers").asInt(1) > 1) {
            notes.add("bagged, " + training.path("bagMembers").asInt() + " members");
        }
        return notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")";
    }

    private static String cell(Bootstrap.Estimate e) {
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", e.mean(), e.lower(), e.upper());
    }
}
