package io.magpie.retrieval.store;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Lets blocking code (the streamed ingest, on a worker thread) use Hibernate Reactive, which only runs on a Vert.x
 * event loop: the pipeline is built and subscribed on a fresh, safe duplicated context, and awaited here.
 */
@ApplicationScoped
public class EventLoopRunner {

    private final Vertx vertx;

    public EventLoopRunner(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Runs {@code work} on an event loop and waits for its item; the supplier itself runs there too. */
    public <T> T await(Supplier<Uni<? extends T>> work, Duration timeout) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        // Panache refuses contexts that are not marked safe (not isolated to one unit of work)
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom()
                .<T>deferred(work)
                .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()))
                .await()
                .atMost(timeout);
    }
}
