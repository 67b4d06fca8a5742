package io.magpie.fusion.service;

import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.FuseResponse;
import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.recs.RecommendationRankRequest;
import io.magpie.fusion.config.RecommendationRankingConfig;
import io.magpie.fusion.features.FeatureExtractor;
import io.magpie.fusion.store.CollaborativeJobStore;
import io.magpie.fusion.strategy.SourceWeights;
import io.magpie.fusion.strategy.WeightedFusion;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Ranks recommendation candidates with the weighted strategy and the recommendation weights (search keeps its own:
 * a co-occurring item is stronger evidence for a shopper than a similar text), and says what ranked them: the
 * strategy, and as the model the collaborative vectors served ({@code <model>:<version>} of the last training that
 * succeeded), so that a served list records which vectors chose its collaborative candidates.
 */
@ApplicationScoped
public class RecommendationRanking {

    /** How long the served collaborative version is taken as known before it is read again. */
    private static final Duration VERSION_REFRESH = Duration.ofSeconds(5);

    private final WeightedFusion fusion;
    private final Uni<Optional<String>> collaborativeVersion;

    public RecommendationRanking(RecommendationRankingConfig config, CollaborativeJobStore jobs) {
        this.fusion = new WeightedFusion(new SourceWeights(config.weights(), config.unlistedSourceWeight()));
        this.collaborativeVersion = Uni.createFrom()
                .deferred(jobs::lastSucceeded)
                .map(job -> job.filter(j -> j.result() != null)
                        .map(j -> (j.result().model() == null
                                        ? "item2vec"
                                        : j.result().model()) + ":" + j.result().version()))
                // a list is still ranked when the version cannot be read; it then names none
                .onFailure()
                .recoverWithItem(Optional.empty())
                .memoize()
                .atLeast(VERSION_REFRESH);
    }

    public Uni<FuseResponse> rank(RecommendationRankRequest request) {
        // the same number checks as /v1/fuse: a NaN score is a 400
        FeatureExtractor.validate(new FuseRequest(FusionStrategy.WEIGHTED, request.lists(), request.size()));
        return collaborativeVersion.map(version -> new FuseResponse(
                FusionStrategy.WEIGHTED, fusion.fuse(request.lists(), request.size()), version.orElse(null)));
    }
}
