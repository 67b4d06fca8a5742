package io.magpie.fusion.events;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the tests read back from PostgreSQL, to see what was really stored. */
final class EventsDatabase {

    private final Pool pool;

    EventsDatabase(Pool pool) {
        this.pool = pool;
    }

    long count(String sql, Object... parameters) {
        return pool.preparedQuery(sql)
                .execute(Tuple.from(List.of(parameters)))
                .await()
                .atMost(Duration.ofSeconds(30))
                .iterator()
                .next()
                .getLong(0);
    }

    List<Row> rows(String sql, Object... parameters) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql)
                .execute(Tuple.from(List.of(parameters)))
                .await()
                .atMost(Duration.ofSeconds(30))
                .forEach(rows::add);
        return rows;
    }
}
