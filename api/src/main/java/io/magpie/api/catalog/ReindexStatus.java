package io.magpie.api.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Progress of a reindex: Milvus rebuilt from PostgreSQL into a new collection while search keeps reading the old
 * one, then the alias switched, the old collection dropped, and every product re-delivered to the graph.
 *
 * @param phase         IDLE (none ran since start-up), CREATING, COPYING, SWAPPING, DONE or FAILED
 * @param collection    the collection being built (or built last)
 * @param done          products copied so far
 * @param total         products in the catalogue when the copy started
 * @param ratePerSecond products copied per second so far
 * @param startedAt     when it started
 * @param finishedAt    when it finished, null while running
 * @param error         why it failed, when it did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReindexStatus(
        String phase,
        String collection,
        long done,
        long total,
        double ratePerSecond,
        Instant startedAt,
        Instant finishedAt,
        String error) {

    public static final ReindexStatus IDLE = new ReindexStatus("IDLE", null, 0, 0, 0, null, null, null);

    public boolean running() {
        return switch (phase) {
            case "CREATING", "COPYING", "SWAPPING" -> true;
            default -> false;
        };
    }
}
