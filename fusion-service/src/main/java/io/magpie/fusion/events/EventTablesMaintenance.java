package io.magpie.fusion.events;

import io.magpie.fusion.config.EventsConfig;
import io.magpie.fusion.store.EventPartitions;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Keeps the coming months' partitions of the events and impressions tables made ahead (the tables themselves come from
 * the service's migrations): checked at start (the service does not start without this month's) and every few
 * hours, so a month never begins without its partition.
 */
@ApplicationScoped
public class EventTablesMaintenance {

    private static final Logger LOG = Logger.getLogger(EventTablesMaintenance.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration CHECK_EVERY = Duration.ofHours(6);

    private final EventPartitions partitions;
    private final Vertx vertx;
    private final int ahead;

    public EventTablesMaintenance(EventPartitions partitions, Vertx vertx, EventsConfig config) {
        this.partitions = partitions;
        this.vertx = vertx;
        this.ahead = config.partitionsAhead();
    }

    void onStart(@Observes StartupEvent start) {
        partitions.ensureAhead(YearMonth.now(ZoneOffset.UTC), ahead).await().atMost(STARTUP_TIMEOUT);
        vertx.setPeriodic(
                CHECK_EVERY.toMillis(),
                id -> partitions
                        .ensureAhead(YearMonth.now(ZoneOffset.UTC), ahead)
                        .subscribe()
                        .with(
                                done -> {},
                                failure -> LOG.warn(
                                        "cannot make the coming events partitions; " + "retrying in " + CHECK_EVERY,
                                        failure)));
    }
}
