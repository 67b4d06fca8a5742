package io.magpie.fusion.service;

import io.magpie.api.fusion.FusionModelInfo;
import io.magpie.api.fusion.LabelledExample;
import io.magpie.api.fusion.TrainingRequest;
import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.fusion.config.FusionConfig;
import io.magpie.fusion.features.ExtractedFeatures;
import io.magpie.fusion.features.FeatureExtractor;
import io.magpie.fusion.model.ModelDescriptor;
import io.magpie.fusion.ranking.trees.LambdaMartTrainer;
import io.magpie.fusion.ranking.trees.RankingGroup;
import io.magpie.fusion.ranking.trees.TrainedTrees;
import io.magpie.fusion.ranking.trees.TreeParameters;
import io.magpie.fusion.store.ModelFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Trains a new LambdaMART version from labelled fuse requests: features from the same extractor serving uses,
 * graded labels per candidate, then stores the version (not activated: an admin activates it after looking at
 * its figures). Bad examples are a 400/422 naming the field, and nothing is stored.
 */
@ApplicationScoped
public class LambdaMartTraining {

    private static final Logger LOG = Logger.getLogger(LambdaMartTraining.class);
    static final int MAX_GRADE = 31;

    private final FeatureExtractor extractor;
    private final ModelFiles files;
    private final FusionConfig.Models config;

    public LambdaMartTraining(FeatureExtractor extractor, ModelFiles files, FusionConfig config) {
        this.extractor = extractor;
        this.files = files;
        this.config = config.models();
    }

    public FusionModelInfo train(TrainingRequest request) {
        long start = System.nanoTime();
        List<RankingGroup> groups = new ArrayList<>(request.examples().size());
        int candidates = 0;
        for (int e = 0; e < request.examples().size(); e++) {
            LabelledExample example = request.examples().get(e);
            ExtractedFeatures features;
            try {
                features = extractor.extract(example.request());
            } catch (ProblemException bad) {
                throw prefixed("examples[" + e + "].request.", bad);
            }
            float[] labels = new float[features.size()];
            for (Map.Entry<String, Integer> label : example.labels().entrySet()) {
                Integer grade = label.getValue();
                if (grade == null || grade < 0 || grade > MAX_GRADE) {
                    throw ProblemException.invalidField("examples[" + e + "].labels[" + label.getKey() + "]",
                            "a grade is an integer from 0 to " + MAX_GRADE + ", not " + grade);
                }
            }
            for (int i = 0; i < labels.length; i++) {
                labels[i] = example.labels().getOrDefault(features.ids().get(i), 0);
            }
            String query = example.request().context() == null ? "example " + e : example.request().context().text();
            groups.add(new RankingGroup(query, features.flat(), labels));
            candidates += features.size();
        }
        long usable = groups.stream().filter(RankingGroup::hasRelevant).count();
        if (usable < 2) {
            throw new ProblemException(422, "No usable labels", "examples: at least two examples need a candidate "
                    + "with a grade above 0 (got " + usable + "); nothing was trained",
                    List.of(new Problem.FieldError("examples", "no usable labels")));
        }
        TreeParameters parameters = parameters();
        TrainedTrees trained = new LambdaMartTrainer(config.trainingThreads())
                .train(groups, extractor.schema().flatSize(), parameters);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("validationNdcg10AtEarlyStop", trained.earlyStoppingNdcg());
        metrics.put("validationNdcg10Refit", trained.validationNdcg());
        metrics.put("rounds", (double) trained.rounds());
        metrics.put("fittingQueries", (double) trained.fittingQueries());
        metrics.put("validationQueries", (double) trained.validationQueries());
        metrics.put("skippedQueries", (double) trained.skippedQueries());
        metrics.put("candidates", (double) candidates);
        metrics.put("trainingSeconds", (System.nanoTime() - start) / 1e9);
        ModelDescriptor stored = files.saveNewVersion(new ModelDescriptor(ModelDescriptor.LAMBDAMART, null,
                ModelDescriptor.LAMBDAMART, extractor.schema(), Instant.now(), describe(parameters), metrics,
                request.note()), trained.ranker().bytes());
        trained.ranker().close();
        LOG.infof("trained fusion model %s on %d queries: %s", stored.ref(), groups.size(), metrics);
        return ModelRegistry.info(stored, false);
    }

    private TreeParameters parameters() {
        FusionConfig.Trees t = config.trees();
        return new TreeParameters(t.maxDepth(), t.eta(), t.minChildWeight(), t.subsample(), t.colsampleByTree(),
                t.lambda(), t.maxRounds(), t.earlyStopping(), t.validationShare(), t.seed());
    }

    private static Map<String, Object> describe(TreeParameters p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objective", "rank:ndcg");
        m.put("maxDepth", p.maxDepth());
        m.put("eta", p.eta());
        m.put("minChildWeight", p.minChildWeight());
        m.put("subsample", p.subsample());
        m.put("colsampleByTree", p.colsampleByTree());
        m.put("lambda", p.lambda());
        m.put("maxRounds", p.maxRounds());
        m.put("earlyStopping", p.earlyStopping());
        m.put("validationShare", p.validationShare());
        m.put("seed", p.seed());
        return m;
    }

    private static ProblemException prefixed(String prefix, ProblemException bad) {
        List<Problem.FieldError> errors = bad.errors().stream()
                .map(f -> new Problem.FieldError(prefix + f.field(), f.message())).toList();
        return new ProblemException(bad.status(), bad.title(), prefix + bad.getMessage(), errors);
    }
}
