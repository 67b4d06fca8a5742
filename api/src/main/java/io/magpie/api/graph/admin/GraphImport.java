package io.magpie.api.graph.admin;

import java.util.List;

/**
 * A bulk import as JSON: nodes are written before relations, so relations may link nodes of the same import.
 *
 * @param nodes     may be null
 * @param relations may be null
 */
public record GraphImport(List<NodeInput> nodes, List<RelationInput> relations) {}
