package io.magpie.eval.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The benchmark's queries, handed out in file order and started again from the first after the last. */
public final class QueryCycle {

    private final List<String> queries;
    private final AtomicLong next = new AtomicLong();

    public QueryCycle(List<String> queries) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("no queries");
        }
        this.queries = List.copyOf(queries);
    }

    public String next() {
        return queries.get((int) Math.floorMod(next.getAndIncrement(), (long) queries.size()));
    }

    public int size() {
        return queries.size();
    }

    /** Starts again from the first query, so that every level sees the same sequence. */
    public void restart() {
        next.set(0);
    }
}
