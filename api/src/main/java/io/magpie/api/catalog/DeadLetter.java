package io.magpie.api.catalog;

import java.time.Instant;

/**
 * A catalogue change the outbox gave up delivering to Milvus and the graph after its attempts ran out. It waits,
 * out of the queue, until an admin retries or discards it, or the product changes again (a new change is
 * delivered afresh).
 *
 * @param productId the product
 * @param version   the catalogue version the change carries
 * @param operation {@code UPSERT} or {@code DELETE}
 * @param attempts  deliveries tried
 * @param lastError why the last attempt failed
 * @param deadSince when it left the queue
 */
public record DeadLetter(
        String productId, long version, String operation, int attempts, String lastError, Instant deadSince) {}
