package io.magpie.fusion.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;

/**
 * The model registry's tables in schema {@code fusion} (docs/adr/0020), made at start-up if missing:
 * <ul>
 *   <li>{@code model_version}: what a version is (kind, feature schema, hyper-parameters, figures per fold, what it
 *   was trained on);</li>
 *   <li>{@code model_file}: its files' bytes with their SHA-256, so every replica loads the same model;</li>
 *   <li>{@code model_activation}: every change of the active version, newest last; the newest row is what the
 *   storefront gets;</li>
 *   <li>{@code collaborative_job}: the trainings of the collaborative item vectors, at most one queued or running
 *   across replicas ({@link CollaborativeJobStore}).</li>
 * </ul>
 */
@ApplicationScoped
public class ModelTables {

    /** Serialises the registry's DDL and the import of an old model folder between replicas. */
    static final long DDL_LOCK = 0x6D61677069650002L;

    private static final List<String> DDL = List.of("CREATE SCHEMA IF NOT EXISTS fusion", """
            CREATE TABLE IF NOT EXISTS fusion.model_version (
                name text NOT NULL,
                version integer NOT NULL CHECK (version > 0),
                kind text NOT NULL,
                feature_schema text NOT NULL,
                features jsonb NOT NULL,
                created_at timestamptz NOT NULL,
                parameters jsonb NOT NULL,
                metrics jsonb NOT NULL,
                training_data text,
                PRIMARY KEY (name, version))""", """
            CREATE TABLE IF NOT EXISTS fusion.model_file (
                name text NOT NULL,
                version integer NOT NULL,
                file_name text NOT NULL,
                content bytea NOT NULL,
                sha256 text NOT NULL,
                PRIMARY KEY (name, version, file_name),
                FOREIGN KEY (name, version) REFERENCES fusion.model_version (name, version) ON DELETE CASCADE)""", """
            CREATE TABLE IF NOT EXISTS fusion.model_activation (
                id bigserial PRIMARY KEY,
                name text,
                version integer,
                activated_at timestamptz NOT NULL DEFAULT now(),
                activated_by text NOT NULL,
                action text NOT NULL,
                FOREIGN KEY (name, version) REFERENCES fusion.model_version (name, version),
                CHECK ((name IS NULL) = (version IS NULL)))""", """
            CREATE TABLE IF NOT EXISTS fusion.collaborative_job (
                id text PRIMARY KEY,
                state text NOT NULL,
                started_at timestamptz NOT NULL,
                heartbeat_at timestamptz NOT NULL,
                job jsonb NOT NULL)""", """
            CREATE UNIQUE INDEX IF NOT EXISTS collaborative_job_one_active
                ON fusion.collaborative_job ((state IN ('queued', 'running')))
                WHERE state IN ('queued', 'running')""");

    private final Pool pool;

    public ModelTables(Pool pool) {
        this.pool = pool;
    }

    /** Makes the tables, then runs {@code then} in the same transaction, under the same lock. */
    <T> Uni<T> create(Function<SqlConnection, Uni<T>> then) {
        return pool.withTransaction(connection -> connection
                .query("SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")")
                .execute()
                .chain(() -> run(connection, 0))
                .chain(() -> then.apply(connection)));
    }

    private static Uni<Void> run(SqlConnection connection, int next) {
        if (next == DDL.size()) {
            return Uni.createFrom().voidItem();
        }
        return connection.query(DDL.get(next)).execute().chain(() -> run(connection, next + 1));
    }
}
