package io.magpie.eval.rec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.rec.PlatformRecEval.Answer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code rec-eval --through-platform}: loads the data through the API, asks the gateway for every user's
 * recommendations, fused and from each source alone, and scores them beside the offline baselines. Without
 * {@code --final} the validation items are predicted from the training events and the recommendation weights are
 * searched on them (the lists of each source alone, fused again here exactly as fusion-service's weighted strategy
 * does, since a source alone answers its min-max normalised score times its weight); with it, the test items from
 * training + validation events, with the weights configured.
 */
final class PlatformRecRun {

    static final List<String> SOURCES = List.of("cooccurrence", "collaborative", "similar", "graph", "popularity");

    /** A variant's per-user metrics and their means with intervals. */
    record Scored(String variant, double[] hits, double[] ndcgs, Bootstrap.Estimate hitRate, Bootstrap.Estimate ndcg) {}

    /** One weighting tried on the validation split. */
    record Trial(Map<String, Double> weights, double hitRate, double ndcg) {}

    private final PlatformRecEval platform;
    private final Interactions data;
    private final int k;
    private final Bootstrap bootstrap;
    private final PrintStream out;

    PlatformRecRun(PlatformRecEval platform, Interactions data, int k, Bootstrap bootstrap, PrintStream out) {
        this.platform = platform;
        this.data = data;
        this.k = k;
        this.bootstrap = bootstrap;
        this.out = out;
    }

    Map<String, Object> run(
            boolean finalRun,
            Path dataset,
            boolean loadProducts,
            int sample,
            long seed,
            List<String> variants,
            Duration popularityWait,
            Map<String, Double> configuredWeights)
            throws IOException, InterruptedException {
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> timings = new LinkedHashMap<>();
        if (loadProducts) {
            long start = System.nanoTime();
            platform.loadProducts(dataset);
            timings.put("products loaded and indexed (s)", round((System.nanoTime() - start) / 1e9));
        }
        long start = System.nanoTime();
        Instant acknowledged = platform.postEvents(finalRun);
        timings.put("events posted (s)", round((System.nanoTime() - start) / 1e9));
        timings.put("signals caught up after the last event (s)", round(platform.awaitSignals(acknowledged)));
        timings.put("collaborative vectors trained (s)", round(platform.trainCollaborative()));
        // popularity is recomputed on its own schedule (every minute by default)
        long wait = Duration.between(Instant.now(), acknowledged.plus(popularityWait))
                .toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        List<EvalCase> cases = new ArrayList<>(data.cases(finalRun));
        if (sample > 0 && sample < cases.size()) {
            // a random subset when asking for every user would take too long on a busy machine
            Collections.shuffle(cases, new Random(seed));
            cases = cases.subList(0, sample);
        }
        List<Scored> scored = new ArrayList<>();
        Map<String, List<Answer>> alone = new LinkedHashMap<>();
        start = System.nanoTime();
        if (variants.contains(PlatformRecEval.FUSED)) {
            scored.add(score(PlatformRecEval.FUSED, platform.ask(cases, PlatformRecEval.FUSED, k), cases));
        }
        for (String source : SOURCES) {
            if (!variants.contains(source)) {
                alone.put(
                        source,
                        cases.stream()
                                .map(c -> new Answer(List.of(), List.of()))
                                .toList());
                continue;
            }
            List<Answer> answers = platform.ask(cases, source, finalRun ? k : 100);
            alone.put(source, answers);
            scored.add(score(source, answers, cases));
        }
        timings.put("recommendations asked (s)", round((System.nanoTime() - start) / 1e9));
        for (Scored s : scored) {
            out.printf(
                    Locale.ROOT,
                    "%-14s HR@%d %s   NDCG@%d %s%n",
                    s.variant(),
                    k,
                    RecReport.withInterval(s.hitRate()),
                    k,
                    RecReport.withInterval(s.ndcg()));
        }
        report.put("split", finalRun ? "test (events: train + valid)" : "valid (events: train)");
        report.put("users", cases.size());
        report.put("k", k);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Scored s : scored) {
            rows.add(row(s.variant(), s.hitRate(), s.ndcg()));
        }
        report.put("platform", rows);
        if (!finalRun) {
            List<String> unscored = unscored(alone);
            if (!unscored.isEmpty()) {
                out.println("WARNING: no scores from " + unscored + " alone (configured weight 0 in fusion-service?):"
                        + " their weights stay 0 in the search; set them above 0 for the validation run");
            }
            report.put("unscoredSources", unscored);
            List<Trial> trials = searchWeights(alone, cases);
            report.put("weightSearch", trials.subList(0, Math.min(10, trials.size())));
            out.println("best weights on validation: " + trials.get(0));
            // the weights configured now, scored with the same arithmetic: new ones are taken only if they beat these
            Trial configured = trial(new LinkedHashMap<>(configuredWeights), alone, cases);
            report.put("configuredWeights", configured);
            out.println("configured weights on validation: " + configured);
        }
        report.put("timings", timings);
        return report;
    }

    private Scored score(String variant, List<Answer> answers, List<EvalCase> cases) {
        double[] hits = new double[cases.size()];
        double[] ndcgs = new double[cases.size()];
        for (int u = 0; u < cases.size(); u++) {
            List<String> ids = answers.get(u).ids();
            int rank = ids.subList(0, Math.min(k, ids.size()))
                            .indexOf(data.itemIds().get(cases.get(u).target()))
                    + 1;
            if (rank > 0) {
                hits[u] = 1;
                ndcgs[u] = 1 / (Math.log(rank + 1) / Math.log(2));
            }
        }
        return new Scored(variant, hits, ndcgs, bootstrap.mean(hits), bootstrap.mean(ndcgs));
    }

    /** Weighted fusion of each source's list alone, over a grid of weights (co-occurrence fixed at 1). */
    private List<Trial> searchWeights(Map<String, List<Answer>> alone, List<EvalCase> cases) {
        List<Trial> trials = new ArrayList<>();
        for (double wc : grid(alone, "collaborative", 0, 0.1, 0.25, 0.5, 0.8, 1)) {
            for (double ws : grid(alone, "similar", 0, 0.1, 0.2, 0.3, 0.5, 0.8)) {
                for (double wg : grid(alone, "graph", 0, 0.1, 0.2, 0.4)) {
                    for (double wp : grid(alone, "popularity", 0, 0.02, 0.05, 0.1)) {
                        Map<String, Double> weights = new LinkedHashMap<>();
                        weights.put("cooccurrence", 1.0);
                        weights.put("collaborative", wc);
                        weights.put("similar", ws);
                        weights.put("graph", wg);
                        weights.put("popularity", wp);
                        trials.add(trial(weights, alone, cases));
                    }
                }
            }
        }
        trials.sort(Comparator.comparingDouble(Trial::ndcg).reversed());
        return trials;
    }

    /** The weights to try for a source; only 0 when its single-source answers carry no scores. */
    private static double[] grid(Map<String, List<Answer>> alone, String source, double... weights) {
        return unscored(alone).contains(source) ? new double[] {0} : weights;
    }

    /**
     * Sources whose single-source answers all score 0: fusion-service answers a source alone with its normalised
     * score times its configured weight, so a source configured at 0 (or one that answered nothing) cannot be
     * weighed here; the validation run must be made with that weight above 0.
     */
    static List<String> unscored(Map<String, List<Answer>> alone) {
        return alone.entrySet().stream()
                .filter(source -> source.getValue().stream()
                        .allMatch(answer -> answer.scores().stream().allMatch(score -> score == 0)))
                .map(Map.Entry::getKey)
                .toList();
    }

    private Trial trial(Map<String, Double> weights, Map<String, List<Answer>> alone, List<EvalCase> cases) {
        double hits = 0;
        double ndcg = 0;
        for (int u = 0; u < cases.size(); u++) {
            Map<String, Double> fused = new HashMap<>();
            for (Map.Entry<String, Double> weight : weights.entrySet()) {
                Answer answer = alone.get(weight.getKey()).get(u);
                if (weight.getValue() == 0 || answer.ids().isEmpty()) {
                    continue;
                }
                double top = answer.scores().get(0);
                for (int i = 0; i < answer.ids().size(); i++) {
                    double normalised = top > 0 ? answer.scores().get(i) / top : 0;
                    fused.merge(answer.ids().get(i), weight.getValue() * normalised, Double::sum);
                }
            }
            String target = data.itemIds().get(cases.get(u).target());
            Double targetScore = fused.get(target);
            if (targetScore != null) {
                long better =
                        fused.values().stream().filter(s -> s > targetScore).count();
                if (better < k) {
                    hits++;
                    ndcg += 1 / (Math.log(better + 2) / Math.log(2));
                }
            }
        }
        return new Trial(weights, hits / cases.size(), ndcg / cases.size());
    }

    static Map<String, Object> row(String name, Bootstrap.Estimate hitRate, Bootstrap.Estimate ndcg) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("hr", estimate(hitRate));
        row.put("ndcg", estimate(ndcg));
        return row;
    }

    private static Map<String, Object> estimate(Bootstrap.Estimate e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", round4(e.mean()));
        m.put("lower", round4(e.lower()));
        m.put("upper", round4(e.upper()));
        return m;
    }

    static void writeJson(Map<String, Object> report, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n",
                StandardCharsets.UTF_8);
    }

    /** The report as a page: results beside the offline baselines, the weight search, timings and the run. */
    @SuppressWarnings("unchecked")
    static void writeMarkdown(Map<String, Object> report, Path file) throws IOException {
        StringBuilder md = new StringBuilder("# Recommendations through the platform on Amazon Scientific\n\n");
        md.append(
                        "Leave-one-out next-item prediction (`../shared/datasets/amazon-scientific`, its README's protocol), ")
                .append("asked of the gateway: the items were ingested as products through the admin API, the ")
                .append("interactions sent as purchase events through the events API, and each user's top ")
                .append(report.get("k"))
                .append(" read from `GET /api/v1/users/{id}/recommendations` (the user's purchases, i.e. the whole ")
                .append("history, left out). Split: ")
                .append(report.get("split"))
                .append("; users: ")
                .append(report.get("users"))
                .append(". Means with 95 % percentile-bootstrap intervals over users.\n\n");
        md.append("| recommender | HR@10 | NDCG@10 |\n|---|---|---|\n");
        for (Map<String, Object> row : (List<Map<String, Object>>) report.get("platform")) {
            String name = (String) row.get("name");
            md.append("| ")
                    .append(PlatformRecEval.FUSED.equals(name) ? "**platform, fused (default)**" : name + " alone")
                    .append(" | ")
                    .append(cell(row.get("hr")))
                    .append(" | ")
                    .append(cell(row.get("ndcg")))
                    .append(" |\n");
        }
        for (Map<String, Object> row : (List<Map<String, Object>>) report.get("offlineBaselines")) {
            md.append("| offline baseline: ")
                    .append(row.get("name"))
                    .append(" (all users) | ")
                    .append(cell(row.get("hr")))
                    .append(" | ")
                    .append(cell(row.get("ndcg")))
                    .append(" |\n");
        }
        Object trials = report.get("weightSearch");
        if (trials != null) {
            md.append("\n## Weight search (validation items)\n\nEach source's list alone (100 items) fused again with ")
                    .append("the weighted strategy's arithmetic, best ten by NDCG@10:\n\n")
                    .append("| weights | HR@10 | NDCG@10 |\n|---|---|---|\n");
            for (Trial trial : (List<Trial>) trials) {
                md.append("| ")
                        .append(trial.weights())
                        .append(String.format(Locale.ROOT, " | %.4f | %.4f |%n", trial.hitRate(), trial.ndcg()));
            }
            Trial configured = (Trial) report.get("configuredWeights");
            md.append("| configured when run: ")
                    .append(configured.weights())
                    .append(String.format(Locale.ROOT, " | %.4f | %.4f |%n", configured.hitRate(), configured.ndcg()));
            List<String> unscored = (List<String>) report.get("unscoredSources");
            if (!unscored.isEmpty()) {
                md.append("\nNot searched (their answers alone carried no scores, so their weights stayed 0): ")
                        .append(unscored)
                        .append(". fusion-service answers a source alone with its normalised score times its")
                        .append(" configured weight; run the validation with those weights above 0")
                        .append(" (`MAGPIE_FUSION_RECOMMENDATIONS_WEIGHTS_<SOURCE>`).\n\n");
            }
        }
        md.append("\n## Timings and run\n\n| | |\n|---|---|\n");
        ((Map<String, Object>) report.get("timings"))
                .forEach((key, value) ->
                        md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        ((Map<String, Object>) report.get("run"))
                .forEach((key, value) ->
                        md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static String cell(Object estimate) {
        Map<String, Object> e = (Map<String, Object>) estimate;
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", (Double) e.get("mean"), (Double) e.get("lower"), (Double)
                e.get("upper"));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round4(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
