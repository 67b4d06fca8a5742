package io.magpie.api.graph.admin;

import java.time.Instant;
import java.util.Map;

/**
 * One edit of the graph, as the audit log keeps it.
 *
 * @param id        the entry's number; undo takes it
 * @param at        when the edit was committed
 * @param actor     who edited: a label derived from the admin key ({@code key:} and a hash prefix), never the key
 * @param operation {@code create_node}, {@code update_node}, {@code delete_node}, {@code create_relation},
 *                  {@code update_relation} or {@code delete_relation}
 * @param entity    the node reference or {@code (from)-[TYPE]->(to)}
 * @param before    the state before ({@code properties}, {@code version}); null for a creation
 * @param after     the state after; null for a deletion
 * @param undoOf    the entry this edit undid, or null
 */
public record AuditEntry(
        long id,
        Instant at,
        String actor,
        String operation,
        String entity,
        Map<String, Object> before,
        Map<String, Object> after,
        Long undoOf) {}
