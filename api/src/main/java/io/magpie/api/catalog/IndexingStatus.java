package io.magpie.api.catalog;

/**
 * How far Milvus and the graph lag behind the catalogue.
 *
 * @param pending          catalogue changes waiting in the outbox
 * @param oldestAgeSeconds age of the oldest waiting change, 0 when none waits
 * @param lastError        why the last delivery failed (naming the product when one product failed), null after a
 *                         success
 * @param reindex          the current or last reindex
 * @param deadLetters      changes given up after their delivery attempts ran out, not counted in {@code pending}
 *                         (listed at {@code GET /v1/products/dead-letters})
 */
public record IndexingStatus(
        long pending, double oldestAgeSeconds, String lastError, ReindexStatus reindex, long deadLetters) {}
