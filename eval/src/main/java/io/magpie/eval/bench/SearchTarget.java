package io.magpie.eval.bench;

import java.util.concurrent.CompletableFuture;

/** What a search load test sends its queries to. */
@FunctionalInterface
public interface SearchTarget {

    /** Starts one search; the future completes (never exceptionally) when the answer has been read. */
    CompletableFuture<Outcome> search(String query);
}
