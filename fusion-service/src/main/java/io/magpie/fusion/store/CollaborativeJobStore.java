package io.magpie.fusion.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.recs.CollaborativeTrainingJob;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Collaborative training jobs in {@code fusion.collaborative_job}, shared by every replica: a
 * unique index over the queued and running rows lets one job at a time exist across replicas, and any replica
 * answers for any job. The replica running a job beats its {@code heartbeat_at}; a job whose heartbeat stopped (its
 * replica died) is marked failed by the next start.
 */
@ApplicationScoped
public class CollaborativeJobStore {

    /** Finished jobs kept for reading back. */
    private static final int KEEP_FINISHED = 50;

    private static final String INSERT = """
            INSERT INTO fusion.collaborative_job (id, state, started_at, heartbeat_at, job)
            VALUES ($1, $2, $3, now(), $4) ON CONFLICT DO NOTHING""";
    private static final String UPDATE_ACTIVE = """
            UPDATE fusion.collaborative_job SET state = $2, heartbeat_at = now(), job = $3
            WHERE id = $1 AND state IN ('queued', 'running')""";
    private static final String FAIL_ABANDONED = """
            UPDATE fusion.collaborative_job SET state = 'failed', job = $2
            WHERE id = $1 AND state IN ('queued', 'running') AND heartbeat_at < now() - make_interval(secs => $3)""";
    private static final String PRUNE = """
            DELETE FROM fusion.collaborative_job WHERE state IN ('succeeded', 'failed') AND id NOT IN (
                SELECT id FROM fusion.collaborative_job ORDER BY started_at DESC LIMIT $1)""";

    private final Pool pool;
    private final ObjectMapper json;

    public CollaborativeJobStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Stores a new job; false (nothing stored) while another one is queued or running. */
    public Uni<Boolean> insertIfNoneActive(CollaborativeTrainingJob job) {
        return pool.preparedQuery(PRUNE)
                .execute(Tuple.of(KEEP_FINISHED))
                .chain(() -> pool.preparedQuery(INSERT)
                        .execute(Tuple.of(
                                job.id(),
                                job.state().json(),
                                OffsetDateTime.ofInstant(job.started(), ZoneOffset.UTC),
                                jsonb(job))))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Replaces a queued or running job (and beats its heartbeat); false when it is no longer active. */
    public Uni<Boolean> updateActive(CollaborativeTrainingJob job) {
        return pool.preparedQuery(UPDATE_ACTIVE)
                .execute(Tuple.of(job.id(), job.state().json(), jsonb(job)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Stores {@code failed} (a failed copy of the job) if the job's heartbeat is older than {@code silence}. */
    public Uni<Boolean> failIfAbandoned(CollaborativeTrainingJob failed, Duration silence) {
        return pool.preparedQuery(FAIL_ABANDONED)
                .execute(Tuple.of(failed.id(), jsonb(failed), silence.toMillis() / 1000.0))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<CollaborativeTrainingJob>> find(String id) {
        return pool.preparedQuery("SELECT job::text FROM fusion.collaborative_job WHERE id = $1")
                .execute(Tuple.of(id))
                .map(this::first);
    }

    /** The last job that succeeded (jobs run one at a time: the latest started), if any: its version is served. */
    public Uni<Optional<CollaborativeTrainingJob>> lastSucceeded() {
        return pool.query("SELECT job::text FROM fusion.collaborative_job WHERE state = 'succeeded'"
                        + " ORDER BY started_at DESC LIMIT 1")
                .execute()
                .map(this::first);
    }

    /** The queued or running job, if any. */
    public Uni<Optional<CollaborativeTrainingJob>> active() {
        return pool.query("SELECT job::text FROM fusion.collaborative_job WHERE state IN ('queued', 'running')")
                .execute()
                .map(this::first);
    }

    private Optional<CollaborativeTrainingJob> first(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(rows.iterator().next().getString(0), CollaborativeTrainingJob.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored collaborative training job is unreadable: " + e.getMessage(), e);
        }
    }

    /** A JSON object as the pg client sends jsonb (a plain String would be stored as one JSON string). */
    private JsonObject jsonb(CollaborativeTrainingJob job) {
        try {
            return new JsonObject(json.writeValueAsString(job));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
