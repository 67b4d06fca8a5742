package io.magpie.api.graph.admin;

import io.magpie.api.graph.ExpandRequest;
import java.util.List;

/**
 * A pending relation and the graph expansions (as search and recommendations ask for them) it might change.
 *
 * @param relation   the relation that would be created (validated like a creation, never committed)
 * @param expansions the expansions to compute without and with it, e.g. one per previewed query
 */
public record ExpansionPreviewRequest(RelationInput relation, List<ExpandRequest> expansions) {}
