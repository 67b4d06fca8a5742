package io.magpie.fusion.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** A PostgreSQL advisory lock held until the transaction ends: replicas doing the same upkeep take turns. */
final class TransactionLock {

    private TransactionLock() {}

    /** Waits for the lock {@code key} in the transaction of {@code connection}. */
    static Uni<Void> take(SqlConnection connection, long key) {
        return connection
                .query("SELECT pg_advisory_xact_lock(" + key + ")")
                .execute()
                .replaceWithVoid();
    }
}
