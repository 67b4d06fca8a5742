package io.magpie.eval.rec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.rec.RecEvaluation.Comparison;
import io.magpie.eval.rec.RecEvaluation.Result;
import io.magpie.eval.rec.RecEvaluation.Summary;
import io.magpie.eval.rec.RecEvaluation.UserResult;
import io.magpie.eval.report.JsonWithRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recommendation evaluation as {@code <name>.md} (for people) and {@code <name>.json} (means, intervals,
 * comparisons and the per-user breakdown, one user a line).
 */
public final class RecReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Result result;
    private final Result validation;
    private final Interactions data;
    private final Bootstrap bootstrap;
    private final Map<String, Object> facts;
    private final Map<String, Object> run;

    /**
     * @param result     the reported run
     * @param validation for a final run, the same baselines on the validation split (fitted on train), which picks
     *                   the co-occurrence variant to beat; null otherwise
     * @param facts      about the data (sizes, repeats, cold targets), in display order
     * @param run        about the run (dataset path, command, time, commit), in display order
     */
    public RecReport(
            Result result,
            Result validation,
            Interactions data,
            Bootstrap bootstrap,
            Map<String, Object> facts,
            Map<String, Object> run) {
        this.result = result;
        this.validation = validation;
        this.data = data;
        this.bootstrap = bootstrap;
        this.facts = facts;
        this.run = run;
    }

    public List<Path> write(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        Path md = folder.resolve(name + ".md");
        Path json = folder.resolve(name + ".json");
        Files.writeString(md, markdown(name), StandardCharsets.UTF_8);
        Files.writeString(json, json(), StandardCharsets.UTF_8);
        return List.of(md, json);
    }

    /** The co-occurrence variant with the best NDCG@k on the validation split, or null without one. */
    public Summary selectedOnValidation() {
        if (validation == null) {
            return null;
        }
        return validation.summaries().stream()
                .filter(v -> v.key().startsWith("cooc-"))
                .max(Comparator.comparingDouble(v -> v.ndcg().mean()))
                .orElse(null);
    }

    private int k() {
        return result.k();
    }

    private String split() {
        return result.finalRun()
                ? "test items, baselines fitted on train + valid"
                : "validation items, baselines fitted on train";
    }

    public String markdown(String name) {
        int k = result.k();
        StringBuilder md = new StringBuilder();
        md.append("# Recommendation baselines on Amazon Scientific\n\n");
        md.append("Leave-one-out next-item prediction on the Amazon Industrial & Scientific purchase histories "
                        + "(`../shared/datasets/amazon-scientific`, its README's protocol): for each of the ")
                .append(String.format(Locale.ROOT, "%,d", data.userCount()))
                .append(" users, all ")
                .append(String.format(Locale.ROOT, "%,d", data.itemCount()))
                .append(" items are ranked, leaving out only the items of the user's history, and the held-out item "
                        + "is looked for in the top ")
                .append(k)
                .append(". This run: ")
                .append(split())
                .append(". Computed offline by `magpie-eval rec-eval`.\n\n");
        md.append("Offline baselines")
                .append(
                        result.baselines().size() > RecEvaluation.BASELINES
                                ? ", and item vectors trained by fusion-service on the same fitted data, scored as "
                                        + "the platform serves them (`--item-vectors`)"
                                : "")
                .append("; the platform's own recommendations through the gateway are measured by `rec-eval "
                        + "--through-platform` (rec-scientific-platform*.md).\n\n");
        md.append("## Results\n\n");
        md.append("Mean over all users, with the 95 % percentile-bootstrap interval over users (")
                .append(String.format(Locale.ROOT, "%,d", bootstrap.resamples()))
                .append(" resamples, seed ")
                .append(bootstrap.seed())
                .append(").\n\n");
        md.append("| baseline | HR@").append(k).append(" | NDCG@").append(k).append(" |\n|---|---|---|\n");
        for (Summary s : result.summaries()) {
            md.append("| ")
                    .append(s.name())
                    .append(" | ")
                    .append(withInterval(s.hitRate()))
                    .append(" | ")
                    .append(withInterval(s.ndcg()))
                    .append(" |\n");
        }
        md.append('\n');
        Summary selected = selectedOnValidation();
        if (selected != null) {
            md.append("The co-occurrence baseline to beat is **")
                    .append(selected.name())
                    .append("**: of the three " + "normalisations it has the best NDCG@")
                    .append(k)
                    .append(" on the validation split (fitted on "
                            + "train, predicting the validation items), where it was chosen before looking at the test "
                            + "figures; all three are reported.\n\n");
            md.append("Validation split (fitted on train):\n\n| baseline | HR@")
                    .append(k)
                    .append(" | NDCG@")
                    .append(k)
                    .append(" |\n|---|---|---|\n");
            for (Summary s : validation.summaries()) {
                md.append("| ")
                        .append(s.name())
                        .append(" | ")
                        .append(withInterval(s.hitRate()))
                        .append(" | ")
                        .append(withInterval(s.ndcg()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        if (!result.comparisons().isEmpty()) {
            md.append("## Against popularity\n\nPaired bootstrap over users of the per-user difference "
                            + "(baseline − popularity); users better / worse / equal by NDCG@")
                    .append(k)
                    .append(".\n\n");
            md.append("| baseline | Δ HR@")
                    .append(k)
                    .append(" | Δ NDCG@")
                    .append(k)
                    .append(" | better / worse / equal |\n|---|---|---|---|\n");
            for (Comparison c : result.comparisons()) {
                md.append("| ")
                        .append(c.name())
                        .append(" | ")
                        .append(signedWithInterval(c.hitRate().difference()))
                        .append(" | ")
                        .append(signedWithInterval(c.ndcg().difference()))
                        .append(" | ")
                        .append(c.ndcg().wins())
                        .append(" / ")
                        .append(c.ndcg().losses())
                        .append(" / ")
                        .append(c.ndcg().ties())
                        .append(" |\n");
            }
            md.append('\n');
        }
        md.append("## Baselines\n\n");
        md.append("Fitted on ")
                .append(
                        result.finalRun()
                                ? "train + valid (every user's training sequence and " + "validation item)"
                                : "train (every user's training sequence)")
                .append("; the held-out items are " + "never seen.\n\n");
        md.append("- **popularity**: items by interaction count in the fitted data (a repeat purchase counts "
                + "again); the same list for every user, minus the user's history.\n");
        md.append("- **co-occurrence**: c(i, j) = the number of users whose fitted sequence contains both i and j "
                + "(each user once per pair, however often they bought them); n(i) = the number of users who bought "
                + "i. A user's score of item j sums over the distinct items i of the history:\n");
        md.append("  - **count**: Σ c(i, j). Raw counts lean towards items that are popular everywhere.\n");
        md.append("  - **conditional**: Σ c(i, j) / n(i), the share of i's buyers who also bought j (an estimate "
                + "of P(j | i)): every history item has the same say, however many users bought it.\n");
        md.append("  - **cosine**: Σ c(i, j) / √(n(i) · n(j)), the cosine between the two items' sets of users "
                + "(classic item-to-item collaborative filtering): how specifically j goes with the history, "
                + "not how popular j is; it lifts items bought by very few users.\n");
        md.append("  - Items that co-occur with nothing in the history score 0 and are filled in popularity "
                + "order.\n");
        for (Recommender extra : result.baselines()
                .subList(RecEvaluation.BASELINES, result.baselines().size())) {
            md.append("- **")
                    .append(extra.name())
                    .append("**: ")
                    .append(extra.description())
                    .append(".\n");
        }
        md.append("- Ties (equal scores) go to the more popular item, then to the lower item index.\n\n");
        md.append("HR@")
                .append(k)
                .append(" = 1 when the held-out item is in the top ")
                .append(k)
                .append(" (= Recall@")
                .append(k)
                .append(" with one relevant item); NDCG@")
                .append(k)
                .append(" = 1 / log2(rank + 1) when it is, else 0 (`io.magpie.eval.metrics`).\n\n");
        md.append("## Data\n\n| | |\n|---|---|\n");
        facts.forEach((key, value) ->
                md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        md.append('\n');
        md.append("## Run\n\n| | |\n|---|---|\n");
        run.forEach((key, value) ->
                md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        md.append("\nPer-user ranks and metrics: `").append(name).append(".json` (`users`, one line each).\n");
        return md.toString();
    }

    /** The report as JSON: means, intervals and comparisons, then the per-user rows, one user a line. */
    public String json() throws IOException {
        String hr = "HR@" + k();
        String ndcg = "NDCG@" + k();
        ObjectNode root = JSON.createObjectNode()
                .put("evaluation", "rec-eval")
                .put("dataset", "amazon-scientific")
                .put("split", result.finalRun() ? "test" : "valid")
                .put("fittedOn", result.finalRun() ? "train+valid" : "train")
                .put("k", k())
                .put("protocol", "leave-one-out, full ranking of all items except the user's history");
        root.putObject("bootstrap")
                .put("confidence", bootstrap.confidence())
                .put("resamples", bootstrap.resamples())
                .put("seed", bootstrap.seed());
        ArrayNode baselines = root.putArray("baselines");
        for (Summary s : result.summaries()) {
            ObjectNode baseline = baselines
                    .addObject()
                    .put("key", s.key())
                    .put("name", s.name())
                    .put("description", s.description());
            baseline.set(hr, JSON.valueToTree(s.hitRate()));
            baseline.set(ndcg, JSON.valueToTree(s.ndcg()));
        }
        Summary selected = selectedOnValidation();
        if (selected != null) {
            root.put("selectedOnValidation", selected.key());
            ArrayNode onValidation = root.putArray("validation");
            for (Summary s : validation.summaries()) {
                ObjectNode baseline = onValidation.addObject().put("key", s.key());
                baseline.set(hr, JSON.valueToTree(s.hitRate()));
                baseline.set(ndcg, JSON.valueToTree(s.ndcg()));
            }
        }
        ArrayNode comparisons = root.putArray("comparisons");
        for (Comparison c : result.comparisons()) {
            ObjectNode comparison =
                    comparisons.addObject().put("baseline", c.key()).put("against", c.against());
            comparison.set(hr, comparison(c.hitRate()));
            comparison.set(ndcg, comparison(c.ndcg()));
        }
        root.set("data", JSON.valueToTree(facts));
        root.set("run", JSON.valueToTree(run));
        root.put(
                "userFields",
                "user id, target item id, history length, then per baseline key: rank of the target "
                        + "in the full ranking (0 = the target is in the history, so excluded), hit (HR@k) and ndcg (NDCG@k)");
        return JsonWithRows.write(
                JSON, root, "users", result.users().stream().map(this::user).toList());
    }

    private ObjectNode user(UserResult u) {
        ObjectNode user = JSON.createObjectNode()
                .put("user", data.userIds().get(u.user()))
                .put("target", data.itemIds().get(u.target()))
                .put("history", u.history());
        for (int b = 0; b < result.baselines().size(); b++) {
            user.putObject(result.baselines().get(b).key())
                    .put("rank", u.ranks()[b])
                    .put("hit", (int) u.hits()[b])
                    .put("ndcg", u.ndcgs()[b]);
        }
        return user;
    }

    private static ObjectNode comparison(Bootstrap.Comparison c) {
        ObjectNode comparison =
                JSON.createObjectNode().put("meanBaseline", c.meanA()).put("meanAgainst", c.meanB());
        comparison.set("difference", JSON.valueToTree(c.difference()));
        return comparison.put("better", c.wins()).put("worse", c.losses()).put("equal", c.ties());
    }

    static String withInterval(Bootstrap.Estimate e) {
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", e.mean(), e.lower(), e.upper());
    }

    static String signedWithInterval(Bootstrap.Estimate e) {
        return String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f]", e.mean(), e.lower(), e.upper());
    }
}
