package io.magpie.gateway.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.Flyway;

/**
 * The gateway's schema, brought up to date by its Flyway migrations ({@code db/migration/gateway}, docs/adr/0036) the
 * first time a stored key is needed, not at start-up: a gateway serving only bootstrap keys and anonymous storefronts
 * needs no database at all (docs/adr/0022). A failed attempt (database unreachable) is tried again by the next caller.
 */
@ApplicationScoped
public class ApiKeySchema {

    private final Flyway flyway;
    private final Vertx vertx;
    private volatile boolean migrated;

    public ApiKeySchema(Flyway flyway, Vertx vertx) {
        this.flyway = flyway;
        this.vertx = vertx;
    }

    /** Completes once the schema is migrated; the blocking migration runs on a worker thread, once per process. */
    public Uni<Void> ready() {
        if (migrated) {
            return Uni.createFrom().voidItem();
        }
        return vertx.executeBlocking(Uni.createFrom().item(this::migrateOnce)).replaceWithVoid();
    }

    private synchronized boolean migrateOnce() {
        if (!migrated) {
            // Flyway also holds a PostgreSQL advisory lock while it migrates, so replicas take turns
            flyway.migrate();
            migrated = true;
        }
        return true;
    }
}
