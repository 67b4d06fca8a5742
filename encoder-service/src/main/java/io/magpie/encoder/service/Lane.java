package io.magpie.encoder.service;

import io.magpie.api.encoder.TextKind;

/**
 * The two queues of the micro-batcher. Shoppers' queries are short and someone waits for each; documents come in
 * bulk from ingest and reindex. Each lane has its own queue, forward thread and PyTorch thread count, so a query
 * never waits behind a document batch.
 */
public enum Lane {
    QUERY,
    DOCUMENT;

    /** Texts sent as queries take the query lane; documents (and texts of no stated kind) the document lane. */
    public static Lane of(TextKind kind) {
        return kind == TextKind.QUERY ? QUERY : DOCUMENT;
    }

    /** The lane's name in metrics and thread names. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
