package io.magpie.kg.edit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One row of the graph's audit log ({@code kg.graph_audit}). Before and after states are JSON text: the log is
 * read whole per entry and filtered by its columns, never by the JSON's content.
 */
@Entity
@Table(
        name = "graph_audit",
        schema = "kg",
        indexes = {
            @Index(name = "graph_audit_entity", columnList = "entity"),
            @Index(name = "graph_audit_from_ref", columnList = "from_ref"),
            @Index(name = "graph_audit_to_ref", columnList = "to_ref"),
            @Index(name = "graph_audit_at", columnList = "at")
        })
public class AuditEntryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "graph_audit_id")
    @SequenceGenerator(name = "graph_audit_id", sequenceName = "graph_audit_seq", schema = "kg", allocationSize = 50)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    /** A label of the admin key, never the key. */
    @Column(nullable = false, length = 64)
    public String actor;

    @Column(nullable = false, length = 32)
    public String operation;

    /** The node reference, or the relation as {@code (from)-[TYPE]->(to)}. */
    @Column(nullable = false, columnDefinition = "text")
    public String entity;

    /** A relation's start node (null for a node), so that filtering by a node finds its relations' edits too. */
    /** A relation's type; null for a node. */
    @Column(name = "relation_type", length = 64)
    public String relationType;

    @Column(name = "from_ref", columnDefinition = "text")
    public String fromRef;

    @Column(name = "to_ref", columnDefinition = "text")
    public String toRef;

    @Column(columnDefinition = "text")
    public String before;

    @Column(columnDefinition = "text")
    public String after;

    /** The entry that this one undid. */
    @Column(name = "undo_of")
    public Long undoOf;
}
