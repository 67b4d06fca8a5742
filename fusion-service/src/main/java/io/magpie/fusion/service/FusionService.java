package io.magpie.fusion.service;

import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.FuseResponse;
import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.fusion.config.FusionConfig;
import io.magpie.fusion.features.FeatureExtractor;
import io.magpie.fusion.ranking.LoadedModel;
import io.magpie.fusion.ranking.ModelRanking;
import io.magpie.fusion.strategy.ListFusion;
import io.magpie.fusion.strategy.LoneSource;
import io.magpie.fusion.strategy.MaxFusion;
import io.magpie.fusion.strategy.RrfFusion;
import io.magpie.fusion.strategy.SourceWeights;
import io.magpie.fusion.strategy.WeightedFusion;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges candidate lists: with the strategy a request asks for; without one, with the active learned model, else
 * the configured fixed strategy over the configured sources. Lists of one source alone keep that source's order
 * unless the request names the model ({@link LoneSource}).
 */
@ApplicationScoped
public class FusionService {

    private final FusionConfig config;
    private final Map<FusionStrategy, ListFusion> strategies;
    private final ModelRegistry models;
    private final ModelRanking modelRanking;

    public FusionService(FusionConfig config, ModelRegistry models, ModelRanking modelRanking) {
        this.config = config;
        this.models = models;
        this.modelRanking = modelRanking;
        this.strategies = byStrategy(List.of(
                new RrfFusion(config.rrfK()),
                new WeightedFusion(new SourceWeights(config.weights(), config.unlistedSourceWeight())),
                new MaxFusion()));
    }

    public FuseResponse fuse(FuseRequest request) {
        // every path checks the numbers, so a NaN is a 400 whichever strategy serves
        FeatureExtractor.validate(request);
        if (request.strategy() == FusionStrategy.MODEL) {
            LoadedModel model = request.model() != null
                    ? models.get(request.model())
                    : models.active()
                            .orElseThrow(() -> new ProblemException(
                                    409,
                                    "Conflict",
                                    "strategy model: no model is active; name one with model=name@version"));
            return byModel(request, model);
        }
        if (request.strategy() != null) {
            return new FuseResponse(
                    request.strategy(), strategies.get(request.strategy()).fuse(request.lists(), request.size()));
        }
        // one source alone is its own ranking: a model trained on several sources would reorder it (docs/adr/0032)
        Optional<LoadedModel> active = LoneSource.isLone(request.lists()) ? Optional.empty() : models.active();
        if (active.isPresent()) {
            return byModel(request, active.get());
        }
        // a request without any of the default sources (e.g. the graph alone) is fused as it is
        List<CandidateList> defaults = request.lists().stream()
                .filter(list -> config.defaultSources().contains(list.source()))
                .toList();
        List<CandidateList> lists = defaults.isEmpty() ? request.lists() : defaults;
        FusionStrategy strategy = config.defaultStrategy();
        return new FuseResponse(strategy, strategies.get(strategy).fuse(lists, request.size()));
    }

    private FuseResponse byModel(FuseRequest request, LoadedModel model) {
        return new FuseResponse(
                FusionStrategy.MODEL,
                modelRanking.rank(request, model),
                model.descriptor().ref().toString());
    }

    /** One implementation per fixed strategy; a strategy without one is a startup failure, not a request failure. */
    static Map<FusionStrategy, ListFusion> byStrategy(List<ListFusion> implementations) {
        Map<FusionStrategy, ListFusion> byStrategy = new EnumMap<>(FusionStrategy.class);
        for (ListFusion implementation : implementations) {
            if (byStrategy.put(implementation.strategy(), implementation) != null) {
                throw new IllegalStateException("two implementations of strategy " + implementation.strategy());
            }
        }
        List<FusionStrategy> missing = Arrays.stream(FusionStrategy.values())
                .filter(s -> s != FusionStrategy.MODEL && !byStrategy.containsKey(s))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no implementation of strategies " + missing);
        }
        return byStrategy;
    }
}
