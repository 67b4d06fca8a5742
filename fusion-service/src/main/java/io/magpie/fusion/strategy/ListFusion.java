package io.magpie.fusion.strategy;

import io.magpie.api.fusion.FusedItem;
import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.retrieval.CandidateList;
import java.util.List;

/** One way of merging the candidate lists of several sources into one ranking. */
public interface ListFusion {

    /** The strategy this implements, as requests name it. */
    FusionStrategy strategy();

    /**
     * Merges the lists (each best first). An id that a list repeats counts at its first (best) position only.
     *
     * @return at most {@code size} items, best first, each naming the sources that proposed it with their rank
     *         and contribution, largest contribution first
     */
    List<FusedItem> fuse(List<CandidateList> lists, int size);
}
