package io.magpie.retrieval.indexing;

/**
 * When the outbox worker seals (flushes) what it wrote to Milvus: once the outbox is empty after writes, and during a
 * long burst after every {@code every} products written. Unsealed rows sit in a growing segment that every search
 * scans by brute force (on milvus-lite a BM25 search over 6,764 unsealed products took 1.4 s, sealed 20 ms), so an
 * ingest of a whole catalogue sealed only at its end makes every search during it slower; sealing per batch would
 * flood real Milvus with tiny segments instead. Not thread-safe: the worker's thread only.
 */
final class SealSchedule {

    private final int every;
    private long writtenSinceSeal;

    SealSchedule(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("magpie.retrieval.indexing.seal-every must be >= 1: " + every);
        }
        this.every = every;
    }

    /** A batch of this many changes was delivered. */
    void wrote(int changes) {
        writtenSinceSeal += changes;
    }

    /** The burst goes on, but enough was written since the last seal. */
    boolean dueDuringBurst() {
        return writtenSinceSeal >= every;
    }

    /** The outbox is empty: seal whatever was written since the last seal. */
    boolean dueAtRest() {
        return writtenSinceSeal > 0;
    }

    void sealed() {
        writtenSinceSeal = 0;
    }
}
