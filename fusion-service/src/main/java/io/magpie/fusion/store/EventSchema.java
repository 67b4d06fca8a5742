package io.magpie.fusion.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The events tables in schema {@code fusion} (docs/adr/0012), made at start-up if missing:
 * <ul>
 *   <li>{@code event}: one row per stored event, range-partitioned by the event's month ({@code occurred_at}), so
 *   old months can be detached or dropped whole and time-bounded reads touch only their months;</li>
 *   <li>{@code event_key}: every event id ever stored, the idempotency guard (a unique index on a partitioned table
 *   must contain the partition key, so it cannot live there);</li>
 *   <li>{@code session_user}: sessions linked to users at sign-in;</li>
 *   <li>{@code product_popularity} and {@code popularity_state}: decayed popularity and when it was computed;</li>
 *   <li>{@code impression}: one row per served list (docs/adr/0030), partitioned by the month it was served like
 *   {@code event}, with {@code impression_key} (request id and page) as its idempotency guard.</li>
 * </ul>
 * Replicas starting together take an advisory lock so that only one of them runs the DDL at a time.
 */
@ApplicationScoped
public class EventSchema {

    /** Serialises DDL on the events tables between replicas (any constant shared by every replica). */
    static final long DDL_LOCK = 0x6D61677069650001L;

    private static final List<String> DDL = List.of(
            "CREATE SCHEMA IF NOT EXISTS fusion",
            """
            CREATE TABLE IF NOT EXISTS fusion.event_key (
                event_id text PRIMARY KEY,
                received_at timestamptz NOT NULL DEFAULT now())""",
            """
            CREATE TABLE IF NOT EXISTS fusion.event (
                event_id text NOT NULL,
                type text NOT NULL CHECK (type IN ('view', 'click', 'add_to_cart', 'purchase')),
                user_id text,
                session_id text,
                product_id text NOT NULL,
                occurred_at timestamptz NOT NULL,
                request_id text,
                position integer,
                quantity integer,
                price double precision,
                product_known boolean,
                category text,
                received_at timestamptz NOT NULL DEFAULT now(),
                CHECK (user_id IS NOT NULL OR session_id IS NOT NULL)
            ) PARTITION BY RANGE (occurred_at)""",
            // tables made before the column existed
            "ALTER TABLE fusion.event ADD COLUMN IF NOT EXISTS category text",
            // a user's events (privacy deletion, profiles) and a session's (sign-in linking, deletion)
            "CREATE INDEX IF NOT EXISTS event_user_idx ON fusion.event (user_id, occurred_at)",
            "CREATE INDEX IF NOT EXISTS event_session_idx ON fusion.event (session_id)",
            // the signals read new events in the order they were stored (SignalEventReader)
            "CREATE INDEX IF NOT EXISTS event_received_idx ON fusion.event (received_at, event_id)",
            """
            CREATE TABLE IF NOT EXISTS fusion.session_user (
                session_id text PRIMARY KEY,
                user_id text NOT NULL,
                linked_at timestamptz NOT NULL DEFAULT now())""",
            "CREATE INDEX IF NOT EXISTS session_user_user_idx ON fusion.session_user (user_id)",
            // decayed popularity, recomputed from the events (PopularityStore)
            """
            CREATE TABLE IF NOT EXISTS fusion.product_popularity (
                product_id text PRIMARY KEY,
                category text,
                score double precision NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS product_popularity_score_idx ON fusion.product_popularity (score DESC)",
            """
            CREATE TABLE IF NOT EXISTS fusion.popularity_state (
                id integer PRIMARY KEY CHECK (id = 1),
                computed_at timestamptz NOT NULL,
                products integer NOT NULL)""",
            // the impressions export joins events to the served list they name
            "CREATE INDEX IF NOT EXISTS event_request_idx ON fusion.event (request_id, product_id) "
                    + "WHERE request_id IS NOT NULL",
            // served lists (docs/adr/0030): items in order as jsonb, the sources of each as the features' raw inputs
            """
            CREATE TABLE IF NOT EXISTS fusion.impression_key (
                request_id text NOT NULL,
                page integer NOT NULL,
                received_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (request_id, page))""",
            """
            CREATE TABLE IF NOT EXISTS fusion.impression (
                request_id text NOT NULL,
                page integer NOT NULL,
                served_at timestamptz NOT NULL,
                surface text NOT NULL,
                query text,
                user_id text,
                session_id text,
                subject_id text,
                page_offset integer NOT NULL,
                strategy text NOT NULL,
                model_version text,
                items jsonb NOT NULL,
                received_at timestamptz NOT NULL DEFAULT now()
            ) PARTITION BY RANGE (served_at)""",
            // the export reads a time window in order; a privacy deletion finds a user's or a session's lists
            "CREATE INDEX IF NOT EXISTS impression_served_idx ON fusion.impression (served_at, request_id, page)",
            "CREATE INDEX IF NOT EXISTS impression_user_idx ON fusion.impression (user_id) WHERE user_id IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS impression_session_idx ON fusion.impression (session_id) "
                    + "WHERE session_id IS NOT NULL");

    private final Pool pool;

    public EventSchema(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> create() {
        return pool.withTransaction(connection -> lock(connection).chain(() -> run(connection, 0)));
    }

    static Uni<Void> lock(SqlConnection connection) {
        return connection
                .query("SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")")
                .execute()
                .replaceWithVoid();
    }

    private static Uni<Void> run(SqlConnection connection, int next) {
        if (next == DDL.size()) {
            return Uni.createFrom().voidItem();
        }
        return connection.query(DDL.get(next)).execute().chain(() -> run(connection, next + 1));
    }
}
