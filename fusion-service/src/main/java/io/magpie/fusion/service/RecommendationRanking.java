package io.magpie.fusion.service;

import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.FuseResponse;
import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.recs.RecommendationRankRequest;
import io.magpie.fusion.config.RecommendationRankingConfig;
import io.magpie.fusion.features.FeatureExtractor;
import io.magpie.fusion.strategy.SourceWeights;
import io.magpie.fusion.strategy.WeightedFusion;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ranks recommendation candidates with the weighted strategy and the recommendation weights (search keeps its own:
 * a co-occurring item is stronger evidence for a shopper than a similar text).
 */
@ApplicationScoped
public class RecommendationRanking {

    private final WeightedFusion fusion;

    public RecommendationRanking(RecommendationRankingConfig config) {
        this.fusion = new WeightedFusion(new SourceWeights(config.weights(), config.unlistedSourceWeight()));
    }

    public FuseResponse rank(RecommendationRankRequest request) {
        // the same number checks as /v1/fuse: a NaN score is a 400
        FeatureExtractor.validate(new FuseRequest(FusionStrategy.WEIGHTED, request.lists(), request.size()));
        return new FuseResponse(FusionStrategy.WEIGHTED, fusion.fuse(request.lists(), request.size()));
    }
}
