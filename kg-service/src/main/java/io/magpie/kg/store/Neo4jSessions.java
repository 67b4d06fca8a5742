package io.magpie.kg.store;

import io.magpie.api.problem.ProblemException;
import io.magpie.kg.config.KnowledgeGraphConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;
import org.neo4j.driver.Driver;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.async.AsyncSession;
import org.neo4j.driver.async.AsyncTransactionCallback;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * Runs managed Neo4j transactions on the driver's async API as {@link Uni}s: nothing blocks a thread, the
 * driver retries transient failures, the session is always closed, and an unreachable Neo4j becomes a 503.
 */
@ApplicationScoped
public class Neo4jSessions {

    private static final Logger LOG = Logger.getLogger(Neo4jSessions.class);

    private final Driver driver;
    private final TransactionConfig readConfig;
    private final TransactionConfig writeConfig;

    public Neo4jSessions(Driver driver, KnowledgeGraphConfig config) {
        this.driver = driver;
        this.readConfig =
                TransactionConfig.builder().withTimeout(config.queryTimeout()).build();
        this.writeConfig =
                TransactionConfig.builder().withTimeout(config.writeTimeout()).build();
    }

    public <T> Uni<T> read(AsyncTransactionCallback<CompletionStage<T>> work) {
        return inSession(session -> session.executeReadAsync(work, readConfig));
    }

    public <T> Uni<T> write(AsyncTransactionCallback<CompletionStage<T>> work) {
        return inSession(session -> session.executeWriteAsync(work, writeConfig));
    }

    private <T> Uni<T> inSession(java.util.function.Function<AsyncSession, CompletionStage<T>> work) {
        return Uni.createFrom()
                .<T>deferred(() -> {
                    AsyncSession session = driver.session(AsyncSession.class);
                    return Uni.createFrom()
                            .<T>completionStage(() -> work.apply(session))
                            .onTermination()
                            .call(() -> Uni.createFrom()
                                    .completionStage(session.closeAsync())
                                    .onFailure()
                                    .recoverWithNull());
                })
                .onFailure(Neo4jSessions::unavailable)
                .transform(e -> {
                    LOG.warnf("Neo4j unavailable: %s", e.getMessage());
                    return ProblemException.storeUnavailable(
                            "Graph store unavailable",
                            "the knowledge graph database cannot be reached right now; retry later");
                });
    }

    /** Also a transaction the server aborted for running past its timeout: the caller may retry later. */
    private static boolean unavailable(Throwable e) {
        return e instanceof ServiceUnavailableException
                || e instanceof SessionExpiredException
                || e instanceof TransientException
                || e instanceof ClientException client
                        && client.code() != null
                        && client.code().startsWith("Neo.ClientError.Transaction.TransactionTimedOut");
    }
}
