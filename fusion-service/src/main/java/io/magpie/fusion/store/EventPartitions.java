package io.magpie.fusion.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The monthly partitions of {@code fusion.event} ({@code event_2026_12} holds December 2026, UTC) and of
 * {@code fusion.impression} ({@code impression_2026_12}), made together: both tables are kept, read and retired by
 * the month. The coming months are made ahead of time; a batch stamped in a month that has none (a backfill of old
 * events) gets it made first, once per process: this process remembers the months it has seen made.
 */
@ApplicationScoped
public class EventPartitions {

    /** The tables partitioned by month, each made by the service's first migration (V1). */
    private static final List<String> PARTITIONED = List.of("event", "impression");

    /**
     * Serialises making partitions between replicas (the value the previous releases used for all the events DDL, so
     * a replica of the previous release and one of this release never make the same partition together).
     */
    private static final long PARTITIONS_LOCK = 0x6D61677069650001L;

    private final Pool pool;
    private final Set<YearMonth> ready = ConcurrentHashMap.newKeySet();

    public EventPartitions(Pool pool) {
        this.pool = pool;
    }

    /** Makes the partitions of this month and of the {@code ahead} months after it. */
    public Uni<Void> ensureAhead(YearMonth current, int ahead) {
        List<YearMonth> months = new java.util.ArrayList<>();
        for (int i = 0; i <= ahead; i++) {
            months.add(current.plusMonths(i));
        }
        return ensure(months);
    }

    /** Makes the partitions of these months unless this process knows they exist. */
    public Uni<Void> ensureFor(Collection<OffsetDateTime> timestamps) {
        Set<YearMonth> months = new TreeSet<>();
        for (OffsetDateTime timestamp : timestamps) {
            months.add(YearMonth.from(timestamp.withOffsetSameInstant(ZoneOffset.UTC)));
        }
        return ensure(months);
    }

    private Uni<Void> ensure(Collection<YearMonth> months) {
        List<YearMonth> missing = months.stream()
                .filter(month -> !ready.contains(month))
                .distinct()
                .sorted()
                .toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection ->
                        TransactionLock.take(connection, PARTITIONS_LOCK).chain(() -> create(connection, missing, 0)))
                .invoke(() -> ready.addAll(missing));
    }

    private static Uni<Void> create(SqlConnection connection, List<YearMonth> months, int next) {
        if (next == months.size()) {
            return Uni.createFrom().voidItem();
        }
        YearMonth month = months.get(next);
        Uni<Void> made = Uni.createFrom().voidItem();
        for (String sql : statements(month)) {
            made = made.chain(() -> connection.query(sql).execute().replaceWithVoid());
        }
        return made.chain(() -> create(connection, months, next + 1));
    }

    /** The statements that make a month's partitions of every partitioned table (each if it does not exist). */
    public static List<String> statements(YearMonth month) {
        // identifiers and bounds come from a YearMonth and a constant, never from a caller's text
        return PARTITIONED.stream()
                .map(table ->
                        "CREATE TABLE IF NOT EXISTS fusion.%s PARTITION OF fusion.%s FOR VALUES FROM ('%s') TO ('%s')"
                                .formatted(name(table, month), table, start(month), start(month.plusMonths(1))))
                .toList();
    }

    static String name(String table, YearMonth month) {
        return "%s_%04d_%02d".formatted(table, month.getYear(), month.getMonthValue());
    }

    private static String start(YearMonth month) {
        return "%04d-%02d-01 00:00:00+00".formatted(month.getYear(), month.getMonthValue());
    }
}
