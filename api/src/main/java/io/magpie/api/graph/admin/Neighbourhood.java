package io.magpie.api.graph.admin;

import java.util.List;

/**
 * A node and the relations that touch it, for drawing and editing them.
 *
 * @param node      the node
 * @param relations its relations, curated ones first; at most the limit asked for
 * @param truncated true when the node has more relations than were returned
 */
public record Neighbourhood(NodeView node, List<Neighbour> relations, boolean truncated) {

    /**
     * One relation of the node.
     *
     * @param type      relation type
     * @param from      start node reference
     * @param to        end node reference
     * @param other     the reference of the end that is not the node
     * @param otherName what a person reads for that end (see {@link NodeMatch#name()})
     * @param version   the relation's edit version (its ETag)
     */
    public record Neighbour(String type, String from, String to, String other, String otherName, long version) {}
}
