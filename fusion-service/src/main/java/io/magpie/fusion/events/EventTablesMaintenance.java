package io.magpie.fusion.events;

import io.magpie.fusion.config.EventsConfig;
import io.magpie.fusion.store.EventPartitions;
import io.magpie.fusion.store.EventSchema;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Makes the events tables at start-up (the service does not start without them) and keeps the coming months'
 * partitions made ahead: checked at start and every few hours, so a month never begins without its partition.
 */
@ApplicationScoped
public class EventTablesMaintenance {

    private static final Logger LOG = Logger.getLogger(EventTablesMaintenance.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration CHECK_EVERY = Duration.ofHours(6);

    private final EventSchema schema;
    private final EventPartitions partitions;
    private final Vertx vertx;
    private final int ahead;

    public EventTablesMaintenance(EventSchema schema, EventPartitions partitions, Vertx vertx, EventsConfig config) {
        this.schema = schema;
        this.partitions = partitions;
        this.vertx = vertx;
        this.ahead = config.partitionsAhead();
    }

    void onStart(@Observes StartupEvent start) {
        schema.create().await().atMost(STARTUP_TIMEOUT);
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
