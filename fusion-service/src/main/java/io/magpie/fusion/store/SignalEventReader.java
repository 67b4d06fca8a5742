package io.magpie.fusion.store;

import io.magpie.fusion.model.SignalEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads stored events in the order they were stored ({@code received_at}, then id), a page at a time, for the
 * signals kept in memory. Events of products the catalogue does not know are left out.
 */
@ApplicationScoped
public class SignalEventReader {

    private static final String PAGE = """
            SELECT event_id, coalesce(user_id, 'session:' || session_id), product_id, type, occurred_at, received_at
            FROM fusion.event
            WHERE (received_at, event_id) > ($1::timestamptz, $2::text)
              AND occurred_at > $3::timestamptz AND product_known IS NOT FALSE
            ORDER BY received_at, event_id
            LIMIT $4""";

    private final Pool pool;

    public SignalEventReader(Pool pool) {
        this.pool = pool;
    }

    /** Events stored after ({@code receivedAfter}, {@code eventIdAfter}) that happened after {@code since}. */
    public Uni<List<SignalEvent>> page(
            OffsetDateTime receivedAfter, String eventIdAfter, OffsetDateTime since, int size) {
        return pool.preparedQuery(PAGE)
                .execute(Tuple.of(receivedAfter, eventIdAfter, since, size))
                .map(rows -> {
                    List<SignalEvent> events = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        events.add(new SignalEvent(
                                row.getString(0),
                                row.getString(1),
                                row.getString(2),
                                row.getString(3),
                                row.getOffsetDateTime(4),
                                row.getOffsetDateTime(5)));
                    }
                    return events;
                });
    }

    /** The database's clock: reads are positioned on it, not on this process's. */
    public Uni<OffsetDateTime> now() {
        return pool.query("SELECT now()")
                .execute()
                .map(rows -> rows.iterator().next().getOffsetDateTime(0));
    }
}
