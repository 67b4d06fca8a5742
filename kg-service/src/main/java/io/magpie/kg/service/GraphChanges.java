package io.magpie.kg.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter that every writer of the graph in this process bumps after a committed change, so that what is derived
 * from the graph (the query-text dictionary) knows it is stale. Writers in other replicas are caught by the
 * dictionary's periodic refresh instead.
 */
@ApplicationScoped
public class GraphChanges {

    private final AtomicLong generation = new AtomicLong();

    /** Call after a write transaction that changed nodes or relations has committed. */
    public void changed() {
        generation.incrementAndGet();
    }

    public long generation() {
        return generation.get();
    }
}
