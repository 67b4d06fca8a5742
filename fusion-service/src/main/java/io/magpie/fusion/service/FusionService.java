package io.magpie.fusion.service;

import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.FuseResponse;
import io.magpie.api.fusion.FusionStrategy;
import io.magpie.fusion.config.FusionConfig;
import io.magpie.fusion.strategy.ListFusion;
import io.magpie.fusion.strategy.MaxFusion;
import io.magpie.fusion.strategy.RrfFusion;
import io.magpie.fusion.strategy.SourceWeights;
import io.magpie.fusion.strategy.WeightedFusion;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Merges candidate lists with the strategy a request asks for, or the configured default. */
@ApplicationScoped
public class FusionService {

    private final FusionConfig config;
    private final Map<FusionStrategy, ListFusion> strategies;

    public FusionService(FusionConfig config) {
        this.config = config;
        this.strategies = byStrategy(List.of(
                new RrfFusion(config.rrfK()),
                new WeightedFusion(new SourceWeights(config.weights(), config.unlistedSourceWeight())),
                new MaxFusion()));
    }

    public FuseResponse fuse(FuseRequest request) {
        FusionStrategy strategy = request.strategy() == null ? config.defaultStrategy() : request.strategy();
        return new FuseResponse(strategy, strategies.get(strategy).fuse(request.lists(), request.size()));
    }

    /** One implementation per strategy; a strategy without one is a startup failure, not a request failure. */
    static Map<FusionStrategy, ListFusion> byStrategy(List<ListFusion> implementations) {
        Map<FusionStrategy, ListFusion> byStrategy = new EnumMap<>(FusionStrategy.class);
        for (ListFusion implementation : implementations) {
            if (byStrategy.put(implementation.strategy(), implementation) != null) {
                throw new IllegalStateException("two implementations of strategy " + implementation.strategy());
            }
        }
        List<FusionStrategy> missing = Arrays.stream(FusionStrategy.values())
                .filter(s -> s != FusionStrategy.MODEL && !byStrategy.containsKey(s)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no implementation of strategies " + missing);
        }
        return byStrategy;
    }
}
