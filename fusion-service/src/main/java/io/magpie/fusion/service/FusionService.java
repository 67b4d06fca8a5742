package io.magpie.fusion.service;

import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.FuseResponse;
import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.fusion.ReciprocalRankFusion;
import io.magpie.fusion.config.FusionConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Merges candidate lists with the strategy a request asks for, or the configured default. */
@ApplicationScoped
public class FusionService {

    private final FusionConfig config;
    private final ReciprocalRankFusion rrf;

    public FusionService(FusionConfig config) {
        this.config = config;
        this.rrf = new ReciprocalRankFusion(config.rrfK());
    }

    public FuseResponse fuse(FuseRequest request) {
        FusionStrategy strategy = request.strategy() == null ? config.defaultStrategy() : request.strategy();
        return switch (strategy) {
            case RRF -> new FuseResponse(strategy, rrf.fuse(request.lists(), request.size()));
        };
    }
}
