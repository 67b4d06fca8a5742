package io.magpie.kg.edit;

import io.magpie.api.graph.admin.AuditEntry;
import io.magpie.api.graph.admin.NodeInput;
import io.magpie.api.graph.admin.PropertiesInput;
import io.magpie.api.graph.admin.RelationInput;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.ProblemException;
import io.magpie.kg.store.Neo4jSessions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Single edits of nodes and relations with optimistic concurrency, each written together with its audit entry,
 * and undo of an audited edit. An edit of an existing entity names the edit version it was based on; a stale one
 * is refused with 409 (docs/adr/0010).
 */
@ApplicationScoped
public class GraphEditService {

    private final GraphEditStore store;
    private final EditTransactions transactions;
    private final Neo4jSessions sessions;
    private final AuditLog auditLog;

    public GraphEditService(
            GraphEditStore store, EditTransactions transactions, Neo4jSessions sessions, AuditLog auditLog) {
        this.store = store;
        this.transactions = transactions;
        this.sessions = sessions;
        this.auditLog = auditLog;
    }

    /** The entity's current state. @throws ProblemException 404 when there is none */
    public Uni<EntityState> read(EntityRef ref) {
        return sessions.read(tx -> store.read(tx, ref).subscribeAsCompletionStage())
                .map(state -> {
                    if (state == null) {
                        throw ProblemException.notFound("no " + ref);
                    }
                    return state;
                });
    }

    public Uni<EntityState> createNode(NodeInput input, String actor) {
        FieldErrors problems = new FieldErrors();
        NodeRef ref = problems.check("ref", () -> NodeRef.parse(input == null ? null : input.ref()));
        Map<String, Object> properties = input == null
                ? Map.of()
                : EditValidation.nodeProperties(ref, input.properties(), "properties", problems);
        problems.throwIfAny();
        return create(ref, EditValidation.withKey(ref, properties), actor);
    }

    public Uni<EntityState> createRelation(RelationInput input, String actor) {
        if (input == null) {
            throw ProblemException.badRequest("the request needs a body: {type, from, to, properties}");
        }
        RelationRef ref = RelationRef.of(input.type(), input.from(), input.to());
        FieldErrors problems = new FieldErrors();
        Map<String, Object> properties =
                EditValidation.relationProperties(ref, input.properties(), "properties", problems);
        problems.throwIfAny();
        return create(ref, properties, actor);
    }

    /** Replaces the editable properties; key (and catalogue) properties stay. */
    public Uni<EntityState> update(EntityRef ref, long expectedVersion, PropertiesInput input, String actor) {
        FieldErrors problems = new FieldErrors();
        Map<String, Object> given = input == null ? null : input.properties();
        Map<String, Object> properties = ref instanceof NodeRef node
                ? EditValidation.nodeProperties(node, given, "properties", problems)
                : EditValidation.relationProperties((RelationRef) ref, given, "properties", problems);
        problems.throwIfAny();
        return edit(
                ref,
                current -> {
                    requireVersion(ref, current, expectedVersion);
                    Map<String, Object> next = new TreeMap<>(EditValidation.reservedOf(ref, current));
                    next.putAll(properties);
                    return new EntityState(next, current.version() + 1);
                },
                actor);
    }

    public Uni<Void> delete(EntityRef ref, long expectedVersion, String actor) {
        return edit(
                        ref,
                        current -> {
                            requireVersion(ref, current, expectedVersion);
                            return null;
                        },
                        actor)
                .replaceWithVoid();
    }

    /**
     * Applies the inverse of an audited edit, itself audited with {@code undoOf}. Refused with 409 when the entity
     * is no longer as that edit left it.
     */
    public Uni<AuditEntry> undo(long entryId, String actor) {
        return auditLog.change(entryId)
                .chain(change -> transactions.run(
                        tx -> store.lockAndRead(tx, change.ref()).chain(current -> {
                            if (!sameState(current, change.after())) {
                                throw new ProblemException(
                                        409,
                                        "Changed since",
                                        "cannot undo entry " + entryId + ": " + change.ref() + " is now "
                                                + Change.describe(current) + ", not as that edit left it ("
                                                + Change.describe(change.after()) + ")");
                            }
                            long base = current != null
                                    ? current.version()
                                    : change.before().version();
                            Change inverse = change.inverse(base + 1);
                            Uni<Void> write = inverse.after() == null
                                    ? store.delete(tx, change.ref())
                                    : store.write(tx, change.ref(), inverse.after());
                            return write.replaceWith(new EditTransactions.Plan<>(inverse, List.of(inverse), true));
                        }),
                        actor,
                        entryId))
                .map(outcome -> outcome.entries().get(0));
    }

    private Uni<EntityState> create(EntityRef ref, Map<String, Object> properties, String actor) {
        return edit(
                ref,
                current -> {
                    if (current != null) {
                        throw new ProblemException(
                                409,
                                "Already exists",
                                ref + " exists already (version " + current.version() + "); update it instead");
                    }
                    return new EntityState(properties, 1);
                },
                actor);
    }

    /** Refuses a second copy of a symmetric relation, written the other way round. */
    static void requireNoReverse(RelationRef relation, boolean reverseExists) {
        if (reverseExists) {
            throw new ProblemException(
                    409,
                    "Already exists",
                    relation.type() + " means the same both ways and "
                            + "is stored once per pair; (" + relation.to() + ")-[" + relation.type() + "]->("
                            + relation.from() + ") exists already");
        }
    }

    /**
     * Locks and reads the entity, computes its next state ({@code null} deletes it), writes it, and audits the
     * change. Nothing is written or audited when the next state equals the current one.
     */
    private Uni<EntityState> edit(EntityRef ref, UnaryOperator<EntityState> next, String actor) {
        return transactions
                .run(
                        tx -> store.lockAndRead(tx, ref)
                                .chain(current -> reverseCheck(tx, ref, current).replaceWith(current))
                                .chain(current -> {
                                    EntityState target = next.apply(current);
                                    if (target != null && target.sameProperties(current)) {
                                        return Uni.createFrom()
                                                .item(new EditTransactions.Plan<>(current, List.<Change>of(), false));
                                    }
                                    Uni<Void> write =
                                            target == null ? store.delete(tx, ref) : store.write(tx, ref, target);
                                    return write.replaceWith(new EditTransactions.Plan<>(
                                            target, List.of(new Change(ref, current, target)), true));
                                }),
                        actor,
                        null)
                .map(EditTransactions.Outcome::value);
    }

    /** Before creating a symmetric relation: none the other way round. */
    private Uni<Void> reverseCheck(org.neo4j.driver.async.AsyncQueryRunner tx, EntityRef ref, EntityState current) {
        if (current != null || !(ref instanceof RelationRef relation)) {
            return Uni.createFrom().voidItem();
        }
        return store.reverseExists(tx, relation)
                .invoke(exists -> requireNoReverse(relation, exists))
                .replaceWithVoid();
    }

    private static void requireVersion(EntityRef ref, EntityState current, long expected) {
        if (current == null) {
            throw ProblemException.notFound("no " + ref);
        }
        if (current.version() != expected) {
            throw new ProblemException(
                    409,
                    "Stale version",
                    "the edit is based on version " + expected + " of " + ref + ", but it is at version "
                            + current.version() + " now; read it again and redo the edit");
        }
    }

    private static boolean sameState(EntityState current, EntityState expected) {
        if (current == null || expected == null) {
            return current == expected;
        }
        return current.version() == expected.version() && current.sameProperties(expected);
    }
}
