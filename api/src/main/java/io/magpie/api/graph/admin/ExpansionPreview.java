package io.magpie.api.graph.admin;

import io.magpie.api.retrieval.CandidateList;
import java.util.List;

/**
 * Graph candidates of chosen expansions without and with a pending relation, computed in one graph transaction that
 * was rolled back: shoppers never saw the relation.
 *
 * @param relation   the pending relation, as {@code (from)-[TYPE]->(to)}
 * @param expansions one comparison per expansion asked about, in the order asked
 */
public record ExpansionPreview(String relation, List<Comparison> expansions) {

    /**
     * @param before the graph's candidates now
     * @param after  its candidates with the relation; each candidate's reason names its paths
     */
    public record Comparison(CandidateList before, CandidateList after) {}
}
