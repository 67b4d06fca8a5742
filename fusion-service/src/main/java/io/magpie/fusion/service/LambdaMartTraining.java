package io.magpie.fusion.service;

import io.magpie.api.fusion.FusionModelInfo;
import io.magpie.api.fusion.TrainingRequest;
import io.magpie.api.problem.ProblemException;
import io.magpie.fusion.config.FusionConfig;
import io.magpie.fusion.features.FeatureExtractor;
import io.magpie.fusion.model.ModelDescriptor;
import io.magpie.fusion.ranking.trees.BaseMargin;
import io.magpie.fusion.ranking.trees.LambdaMartTrainer;
import io.magpie.fusion.ranking.trees.RankingGroup;
import io.magpie.fusion.ranking.trees.TrainedTrees;
import io.magpie.fusion.ranking.trees.TreeParameters;
import io.magpie.fusion.ranking.trees.TreeVariant;
import io.magpie.fusion.store.ModelStore;
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
    private final FeatureExtractor extractor;
    private final ModelStore store;
    private final FusionConfig.Models config;

    public LambdaMartTraining(FeatureExtractor extractor, ModelStore store, FusionConfig config) {
        this.extractor = extractor;
        this.store = store;
        this.config = config.models();
    }

    public FusionModelInfo train(TrainingRequest request) {
        return train(request, null, null);
    }

    /**
     * @param asked  a {@link TreeVariant} name, or {@value TreeVariant#AUTO} to choose among all by inner
     *               cross-validation; null for {@code magpie.fusion.models.trees.variant}; an unknown name is a 400
     * @param bagged whether to keep the mean of the refit and the inner-fold models (ADR 0042); null for
     *               {@code magpie.fusion.models.trees.bagged}
     */
    public FusionModelInfo train(TrainingRequest request, String asked, Boolean bagged) {
        long start = System.nanoTime();
        boolean bag = bagged == null ? config.trees().bagged() : bagged;
        String variant = asked == null || asked.isBlank() ? config.trees().variant() : asked;
        List<String> flatNames = extractor.schema().flatNames();
        List<TreeVariant> variants = TreeVariant.named(variant, parameters(), flatNames)
                .orElseThrow(() -> ProblemException.invalidField(
                        "variant",
                        "must be one of " + TreeVariant.names(parameters(), flatNames) + ", not '" + variant + "'"));
        List<LabelledQueries.LabelledQuery> queries = LabelledQueries.extract(extractor, request);
        List<RankingGroup> groups = new ArrayList<>(queries.size());
        int candidates = 0;
        for (LabelledQueries.LabelledQuery query : queries) {
            groups.add(new RankingGroup(query.query(), query.features().flat(), query.grades()));
            candidates += query.features().size();
        }
        TrainedTrees trained = new LambdaMartTrainer(config.trainingThreads()).train(groups, flatNames, variants, bag);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("crossValidNdcg10", trained.crossValidNdcg());
        for (int f = 0; f < trained.foldNdcg().length; f++) {
            metrics.put("crossValidNdcg10Fold" + f, trained.foldNdcg()[f]);
        }
        trained.variantNdcg().forEach((name, ndcg) -> metrics.put("crossValidNdcg10." + name, ndcg));
        metrics.put("rounds", (double) trained.rounds());
        metrics.put("denseBlend", trained.denseBlend());
        metrics.put("bagMembers", (double) trained.ranker().members());
        metrics.put("trainingQueries", (double) trained.trainingQueries());
        metrics.put("skippedQueries", (double) trained.skippedQueries());
        metrics.put("candidates", (double) candidates);
        metrics.put("trainingSeconds", (System.nanoTime() - start) / 1e9);
        ModelDescriptor stored = store.saveNewVersion(
                new ModelDescriptor(
                        ModelDescriptor.LAMBDAMART,
                        null,
                        ModelDescriptor.LAMBDAMART,
                        extractor.schema(),
                        Instant.now(),
                        parameters(trained),
                        metrics,
                        request.note()),
                ModelLoading.treeFiles(trained.ranker()));
        trained.ranker().close();
        LOG.infof("trained fusion model %s on %d queries: %s", stored.ref(), groups.size(), metrics);
        return ModelRegistry.info(stored, false);
    }

    /** How the version was fit; its base margin is the one serving adds (the variant's plus the dense blend). */
    private static Map<String, Object> parameters(TrainedTrees trained) {
        Map<String, Object> parameters = new LinkedHashMap<>(trained.variant().describe());
        parameters.put("denseBlend", trained.denseBlend());
        parameters.put("bagged", trained.ranker().members() > 1);
        parameters.put("bagMembers", trained.ranker().members());
        BaseMargin margin = trained.ranker().margin();
        if (margin != null) {
            parameters.put("baseMargin", margin.describe());
        }
        return parameters;
    }

    private TreeParameters parameters() {
        FusionConfig.Trees t = config.trees();
        return new TreeParameters(
                t.maxDepth(),
                t.eta(),
                t.minChildWeight(),
                t.subsample(),
                t.colsampleByTree(),
                t.lambda(),
                t.maxRounds(),
                t.validationFolds(),
                t.seed());
    }
}
