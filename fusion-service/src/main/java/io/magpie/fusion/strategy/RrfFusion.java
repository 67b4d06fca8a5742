package io.magpie.fusion.strategy;

import io.magpie.api.fusion.FusedItem;
import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.fusion.ReciprocalRankFusion;
import io.magpie.api.retrieval.CandidateList;
import java.util.List;

/**
 * Reciprocal rank fusion. Delegates to the one implementation in {@code api}, which the gateway also uses as its
 * fallback, so both always rank alike.
 */
public final class RrfFusion implements ListFusion {

    private final ReciprocalRankFusion rrf;

    public RrfFusion(int k) {
        this.rrf = new ReciprocalRankFusion(k);
    }

    @Override
    public FusionStrategy strategy() {
        return FusionStrategy.RRF;
    }

    @Override
    public List<FusedItem> fuse(List<CandidateList> lists, int size) {
        return rrf.fuse(lists, size);
    }
}
