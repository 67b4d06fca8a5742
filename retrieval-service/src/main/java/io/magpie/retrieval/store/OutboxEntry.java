package io.magpie.retrieval.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A catalogue change that Milvus and the graph have not received yet ({@code catalog.product_outbox}), written in
 * the same transaction as the change. One row per product: a newer change of a waiting product replaces its row
 * (keeping its place in the queue), so a burst of edits is delivered once, at its latest version.
 */
@Entity
@Table(name = "product_outbox", schema = "catalog",
        indexes = @Index(name = "product_outbox_enqueued_at", columnList = "enqueued_at"))
public class OutboxEntry {

    /** What happened to the product. */
    public enum Operation { UPSERT, DELETE }

    @Id
    @Column(name = "product_id", length = 128, nullable = false)
    private String productId;

    /** The product version this change produced; delivery removes the row only if it still holds this version. */
    @Column(nullable = false)
    private long version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Operation operation;

    /** When the product first waited: the indexing lag is measured from here. */
    @Column(name = "enqueued_at", nullable = false)
    private Instant enqueuedAt;

    protected OutboxEntry() {
        // for Hibernate
    }

    public static OutboxEntry of(String productId, long version, Operation operation, Instant now) {
        OutboxEntry entry = new OutboxEntry();
        entry.productId = productId;
        entry.version = version;
        entry.operation = operation;
        entry.enqueuedAt = now;
        return entry;
    }

    /** A newer change of a product that still waits. */
    public void supersede(long newVersion, Operation newOperation) {
        version = newVersion;
        operation = newOperation;
    }

    public String productId() {
        return productId;
    }

    public long version() {
        return version;
    }

    public Operation operation() {
        return operation;
    }

    public Instant enqueuedAt() {
        return enqueuedAt;
    }
}
