package io.magpie.kg.edit;

import java.util.Locale;

/**
 * One edit of one entity: its state before (null when it is created) and after (null when it is deleted).
 *
 * @param ref    the node or relation
 * @param before null for a creation
 * @param after  null for a deletion
 */
public record Change(EntityRef ref, EntityState before, EntityState after) {

    /** {@code create_node}, {@code update_relation}, ...: what the audit log calls it. */
    public String operation() {
        String verb = before == null ? "create" : after == null ? "delete" : "update";
        return verb + "_" + (ref instanceof NodeRef ? "node" : "relation");
    }

    /** The change that takes the entity back from {@code after} to {@code before}. */
    public Change inverse(long newVersion) {
        EntityState restored = before == null ? null : new EntityState(before.properties(), newVersion);
        return new Change(ref, after, restored);
    }

    static String describe(EntityState state) {
        return state == null ? "absent" : "version " + state.version();
    }

    @Override
    public String toString() {
        return operation().toUpperCase(Locale.ROOT) + " " + ref;
    }
}
