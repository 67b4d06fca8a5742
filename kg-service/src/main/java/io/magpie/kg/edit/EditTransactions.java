package io.magpie.kg.edit;

import io.magpie.api.graph.admin.AuditEntry;
import io.magpie.api.problem.ProblemException;
import io.magpie.kg.config.KnowledgeGraphConfig;
import io.magpie.kg.service.GraphChanges;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.neo4j.driver.Driver;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.async.AsyncSession;
import org.neo4j.driver.async.AsyncTransaction;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * Runs an edit of the graph and its audit entries as one unit, as far as two stores allow (docs/adr/0010): the
 * edit runs in an open Neo4j transaction (holding write locks on what it touches), then its audit entries commit
 * in PostgreSQL, then the Neo4j transaction commits. A failure before the audit commit rolls the edit back; a
 * failed Neo4j commit takes the audit entries back out. Only a crash between the two commits leaves an entry for an
 * edit that did not happen, and undo refuses such an entry because the graph does not hold its "after" state.
 * Unmanaged transactions, because a managed one may be retried, which would write its audit entries twice.
 */
@ApplicationScoped
public class EditTransactions {

    private static final Logger LOG = Logger.getLogger(EditTransactions.class);

    private final Driver driver;
    private final TransactionConfig transactionConfig;
    private final AuditLog auditLog;
    private final GraphChanges graphChanges;

    public EditTransactions(Driver driver, KnowledgeGraphConfig config, AuditLog auditLog, GraphChanges graphChanges) {
        this.driver = driver;
        this.transactionConfig =
                TransactionConfig.builder().withTimeout(config.queryTimeout()).build();
        this.auditLog = auditLog;
        this.graphChanges = graphChanges;
    }

    /**
     * What an edit decided inside its transaction.
     *
     * @param value   its result
     * @param changes what to audit; none means nothing to commit
     * @param commit  false for a dry run: roll back whatever was written
     */
    public record Plan<T>(T value, List<Change> changes, boolean commit) {}

    /** The result of a committed (or rolled back) edit with the audit entries written for it. */
    public record Outcome<T>(T value, List<AuditEntry> entries) {}

    /**
     * Runs {@code work} in a new Neo4j transaction and commits it with its audit entries. Must be called on a
     * Vert.x context (a request's), where the audit log runs.
     *
     * @param actor  who edits, for the audit log
     * @param undoOf the entry this edit undoes, or null
     */
    public <T> Uni<Outcome<T>> run(Function<AsyncTransaction, Uni<Plan<T>>> work, String actor, Long undoOf) {
        return run(work, actor, undoOf, transactionConfig);
    }

    /** As {@link #run(Function, String, Long)}, with a time limit of its own (bulk imports take longer). */
    public <T> Uni<Outcome<T>> run(
            Function<AsyncTransaction, Uni<Plan<T>>> work, String actor, Long undoOf, Duration timeout) {
        return run(
                work,
                actor,
                undoOf,
                TransactionConfig.builder().withTimeout(timeout).build());
    }

    private <T> Uni<Outcome<T>> run(
            Function<AsyncTransaction, Uni<Plan<T>>> work,
            String actor,
            Long undoOf,
            TransactionConfig transactionConfig) {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("graph edits run on a Vert.x context");
        }
        Executor onContext = task -> context.runOnContext(ignored -> task.run());
        return Uni.createFrom()
                .<Outcome<T>>deferred(() -> {
                    AsyncSession session = driver.session(AsyncSession.class);
                    return Uni.createFrom()
                            .completionStage(() -> session.beginTransactionAsync(transactionConfig))
                            .chain(tx -> work.apply(tx)
                                    .emitOn(onContext)
                                    .chain(plan -> finish(tx, plan, actor, undoOf, onContext))
                                    .onFailure()
                                    .call(() -> rollback(tx)))
                            .onTermination()
                            .call(() -> Uni.createFrom()
                                    .completionStage(session.closeAsync())
                                    .onFailure()
                                    .recoverWithNull());
                })
                .emitOn(onContext)
                .onFailure(EditTransactions::unavailable)
                .transform(e -> {
                    LOG.warnf("Neo4j unavailable or busy during a graph edit: %s", e.getMessage());
                    return ProblemException.storeUnavailable(
                            "Graph store unavailable",
                            "the knowledge graph database cannot take the edit right now; nothing was changed, "
                                    + "retry later");
                })
                .onFailure(EditTransactions::constraintViolated)
                .transform(e -> new ProblemException(
                        409, "Conflict", "the edit conflicts with the graph's constraints: " + e.getMessage()))
                .onFailure(EditTransactions::timedOut)
                .transform(e -> new ProblemException(
                        503,
                        "Edit timed out",
                        "the edit took longer than its time limit ("
                                + transactionConfig.timeout().toSeconds() + " s) and was rolled back; nothing was "
                                + "changed. Split a bulk import into smaller ones"));
    }

    private <T> Uni<Outcome<T>> finish(
            AsyncTransaction tx, Plan<T> plan, String actor, Long undoOf, Executor onContext) {
        if (!plan.commit() || plan.changes().isEmpty()) {
            return rollback(tx).replaceWith(new Outcome<>(plan.value(), List.of()));
        }
        return auditLog.append(plan.changes(), actor, undoOf)
                .chain(entries -> Uni.createFrom()
                        .completionStage(tx::commitAsync)
                        .emitOn(onContext)
                        .onFailure()
                        .call(e -> {
                            LOG.warnf(
                                    "Neo4j commit failed after the audit entries were written; removing %d "
                                            + "entries: %s",
                                    entries.size(), e.getMessage());
                            return auditLog.remove(entries)
                                    .onFailure()
                                    .invoke(removal -> LOG.errorf(
                                            "audit entries %s record an edit that did not commit: %s",
                                            entries.stream().map(AuditEntry::id).toList(), removal.getMessage()))
                                    .onFailure()
                                    .recoverWithNull();
                        })
                        .invoke(graphChanges::changed) // the query-text dictionary rebuilds (docs/adr/0011)
                        .replaceWith(new Outcome<>(plan.value(), entries)));
    }

    private static Uni<Void> rollback(AsyncTransaction tx) {
        // after a failed commit the transaction is closed already; rolling back again is harmless
        return Uni.createFrom().completionStage(tx::rollbackAsync).onFailure().recoverWithNull();
    }

    private static boolean unavailable(Throwable e) {
        return e instanceof ServiceUnavailableException
                || e instanceof SessionExpiredException
                || e instanceof TransientException;
    }

    private static boolean timedOut(Throwable e) {
        // Neo.ClientError.Transaction.TransactionTimedOut and ...TimedOutClientConfiguration
        return e instanceof ClientException client
                && client.code() != null
                && client.code().startsWith("Neo.ClientError.Transaction.TransactionTimedOut");
    }

    private static boolean constraintViolated(Throwable e) {
        return e instanceof ClientException client
                && client.code() != null
                && client.code().endsWith("ConstraintValidationFailed");
    }
}
