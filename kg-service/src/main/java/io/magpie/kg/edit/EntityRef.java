package io.magpie.kg.edit;

/** What an edit addresses: a node ({@link NodeRef}) or a relation ({@link RelationRef}). */
public sealed interface EntityRef permits NodeRef, RelationRef {

    /** The canonical text form, as the audit log and import reports show it. */
    @Override
    String toString();
}
