package io.magpie.kg.service;

import io.magpie.kg.config.KnowledgeGraphConfig;
import io.magpie.kg.model.EntityMatcher;
import io.magpie.kg.store.GraphEntityStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The brands, categories and attribute values of the graph as an {@link EntityMatcher}, rebuilt when this process
 * changed the graph ({@link GraphChanges}) or after {@code magpie.kg.dictionary.refresh-interval} (changes made by
 * other replicas). Concurrent requests that find it stale share one rebuild.
 */
@ApplicationScoped
public class QueryDictionary {

    private static final Logger LOG = Logger.getLogger(QueryDictionary.class);

    private record Snapshot(EntityMatcher matcher, long generation, long builtAtNanos) {}

    private final GraphEntityStore store;
    private final GraphChanges changes;
    private final long refreshNanos;
    private final int minSingleWordLength;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final AtomicReference<Uni<EntityMatcher>> rebuilding = new AtomicReference<>();

    public QueryDictionary(GraphEntityStore store, GraphChanges changes, KnowledgeGraphConfig config) {
        this.store = store;
        this.changes = changes;
        this.refreshNanos = config.dictionary().refreshInterval().toNanos();
        this.minSingleWordLength = config.dictionary().minSingleWordLength();
    }

    /** The dictionary as of the graph's latest change in this process. */
    public Uni<EntityMatcher> matcher() {
        Snapshot snapshot = current.get();
        if (snapshot != null
                && snapshot.generation() == changes.generation()
                && System.nanoTime() - snapshot.builtAtNanos() < refreshNanos) {
            return Uni.createFrom().item(snapshot.matcher());
        }
        Uni<EntityMatcher> fresh = rebuild().memoize().indefinitely();
        Uni<EntityMatcher> running = rebuilding.compareAndExchange(null, fresh);
        return running != null ? running : fresh.eventually(() -> rebuilding.set(null));
    }

    private Uni<EntityMatcher> rebuild() {
        long generation = changes.generation(); // read first: a change during the read makes the result stale
        long started = System.nanoTime();
        return store.entities().map(entities -> {
            EntityMatcher matcher = new EntityMatcher(entities, minSingleWordLength);
            current.set(new Snapshot(matcher, generation, System.nanoTime()));
            LOG.debugf(
                    "query dictionary rebuilt: %d names in %d ms",
                    matcher.size(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return matcher;
        });
    }
}
