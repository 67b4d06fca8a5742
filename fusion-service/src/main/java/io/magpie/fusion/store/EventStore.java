package io.magpie.fusion.store;

import io.magpie.fusion.model.ValidatedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes and deletes behaviour events in PostgreSQL (schema {@code fusion}, made by the service's migrations). A batch is one
 * statement in one transaction: the ids go into {@code event_key} (ON CONFLICT DO NOTHING), and only the ids that
 * went in are stored as events, so an event id is stored once however often and however concurrently it is sent.
 */
@ApplicationScoped
public class EventStore {

    /**
     * Columns travel as arrays ({@code unnest}), one round trip per batch. An event sent with the session alone
     * gets the user the session was linked to at sign-in.
     */
    private static final String INSERT = """
            WITH input AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
                                     $7::text[], $8::int[], $9::int[], $10::float8[], $11::boolean[], $12::text[])
                    AS t(event_id, type, user_id, session_id, product_id, occurred_at, request_id, position,
                         quantity, price, product_known, category)
            ), fresh AS (
                INSERT INTO fusion.event_key (event_id) SELECT event_id FROM input
                ON CONFLICT DO NOTHING
                RETURNING event_id
            )
            INSERT INTO fusion.event (event_id, type, user_id, session_id, product_id, occurred_at, request_id,
                                      position, quantity, price, product_known, category)
            SELECT i.event_id, i.type, coalesce(i.user_id, s.user_id), i.session_id, i.product_id, i.occurred_at,
                   i.request_id, i.position, i.quantity, i.price, i.product_known, i.category
            FROM input i
            JOIN fresh f ON f.event_id = i.event_id
            LEFT JOIN fusion.session_user s ON i.user_id IS NULL AND s.session_id = i.session_id
            RETURNING event_id""";

    private final Pool pool;
    private final EventPartitions partitions;

    public EventStore(Pool pool, EventPartitions partitions) {
        this.pool = pool;
        this.partitions = partitions;
    }

    /**
     * Stores the events whose ids were never stored; answers, once committed, the ids stored now.
     *
     * @param events       events with distinct ids
     * @param categories per product the catalogue knows, its category path ("" for none); a product without one
     *                   (absent or null) is unknown to the catalogue
     * @param checked    false when the catalogue was not asked in time: every product is stored unchecked
     */
    public Uni<Set<String>> insert(List<ValidatedEvent> events, Map<String, String> categories, boolean checked) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        int n = events.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] users = new String[n];
        String[] sessions = new String[n];
        String[] products = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[] requests = new String[n];
        Integer[] positions = new Integer[n];
        Integer[] quantities = new Integer[n];
        Double[] prices = new Double[n];
        Boolean[] known = new Boolean[n];
        String[] categoryColumn = new String[n];
        for (int i = 0; i < n; i++) {
            ValidatedEvent event = events.get(i);
            ids[i] = event.eventId();
            types[i] = event.type().json();
            users[i] = event.userId();
            sessions[i] = event.sessionId();
            products[i] = event.productId();
            times[i] = event.timestamp();
            requests[i] = event.requestId();
            positions[i] = event.position();
            quantities[i] = event.quantity();
            prices[i] = event.price();
            String category = categories.get(event.productId());
            known[i] = checked ? category != null : null;
            categoryColumn[i] = category == null || category.isEmpty() ? null : category;
        }
        Tuple columns = Tuple.from(List.of(
                ids,
                types,
                users,
                sessions,
                products,
                times,
                requests,
                positions,
                quantities,
                prices,
                known,
                categoryColumn));
        return partitions
                .ensureFor(List.of(times))
                .chain(() -> pool.withTransaction(
                        connection -> connection.preparedQuery(INSERT).execute(columns)))
                .map(rows -> {
                    Set<String> stored = new HashSet<>();
                    for (Row row : rows) {
                        stored.add(row.getString(0));
                    }
                    return stored;
                });
    }

    /** The outcome of linking a session to a user. */
    public record Link(String linkedUser, long linkedEvents) {}

    /**
     * Links a session to a user and gives the user to the session's stored events that have none. A session already
     * linked to another user stays so: the answer names that user and links nothing.
     */
    public Uni<Link> linkSession(String sessionId, String userId) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("""
                        INSERT INTO fusion.session_user (session_id, user_id) VALUES ($1, $2)
                        ON CONFLICT (session_id) DO UPDATE SET session_id = excluded.session_id
                        RETURNING user_id""")
                .execute(Tuple.of(sessionId, userId))
                .chain(rows -> {
                    String linkedUser = rows.iterator().next().getString(0);
                    if (!linkedUser.equals(userId)) {
                        return Uni.createFrom().item(new Link(linkedUser, 0));
                    }
                    return connection
                            .preparedQuery("UPDATE fusion.event SET user_id = $2 "
                                    + "WHERE session_id = $1 AND user_id IS NULL")
                            .execute(Tuple.of(sessionId, userId))
                            .map(updated -> new Link(userId, updated.rowCount()));
                }));
    }

    /** What a deletion removed. */
    public record Deletion(long events, long sessions, long impressions) {}

    /**
     * Deletes a user's events and served lists (impressions) and those of the sessions linked to the user, and
     * forgets those links, in one transaction. The ids stay in {@code event_key} and {@code impression_key}: a client
     * re-sending a deleted event gets "duplicate" and the event stays deleted.
     */
    public Uni<Deletion> deleteUser(String userId) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("DELETE FROM fusion.session_user WHERE user_id = $1 RETURNING session_id")
                .execute(Tuple.of(userId))
                .chain(sessionRows -> {
                    List<String> sessions = new java.util.ArrayList<>();
                    sessionRows.forEach(row -> sessions.add(row.getString(0)));
                    Tuple whose = Tuple.of(userId, sessions.toArray(String[]::new));
                    return connection
                            .preparedQuery("""
                                    DELETE FROM fusion.event WHERE user_id = $1
                                    OR (session_id = ANY($2::text[]) AND user_id IS NULL)""")
                            .execute(whose)
                            .chain(events -> connection
                                    .preparedQuery("""
                                            DELETE FROM fusion.impression WHERE user_id = $1
                                            OR (session_id = ANY($2::text[]) AND user_id IS NULL)""")
                                    .execute(whose)
                                    .map(impressions ->
                                            new Deletion(events.rowCount(), sessions.size(), impressions.rowCount())));
                }));
    }
}
