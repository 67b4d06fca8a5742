package io.magpie.retrieval.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A catalogue change that Milvus and the graph have not received yet ({@code catalog.product_outbox}), written in
 * the same transaction as the change. One row per product: a newer change of a waiting product replaces its row
 * (keeping its place in the queue), so a burst of edits is delivered once, at its latest version.
 *
 * <p>A worker claims rows before delivering them (claimed_by, claimed_until; see {@link OutboxRepository#claim}), so
 * two replicas never deliver the same row at once. Updates write only the columns that changed
 * ({@code @DynamicUpdate}): an ingest superseding a claimed row leaves its claim alone, so the newer version waits
 * until the worker that holds the row has finished with it.
 */
@Entity
@DynamicUpdate
@Table(
        name = "product_outbox",
        schema = "catalog",
        indexes = @Index(name = "product_outbox_enqueued_at", columnList = "enqueued_at"))
public class OutboxEntry {

    /** What happened to the product. */
    public enum Operation {
        UPSERT,
        DELETE
    }

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

    /** Deliveries of this product that failed for a reason of its own (see OutboxWorker). */
    @Column(nullable = false, columnDefinition = "integer not null default 0")
    private int attempts;

    @Column(name = "last_error", length = 2000)
    private String lastError;

    /** Set when the attempts ran out: a dead letter, out of the queue until retried or discarded. */
    @Column(name = "dead_since")
    private Instant deadSince;

    /** The worker delivering this change right now, if any. */
    @Column(name = "claimed_by", length = 128)
    private String claimedBy;

    /** Until when the claim holds: a worker that died or stalled loses its rows to the others after this. */
    @Column(name = "claimed_until")
    private Instant claimedUntil;

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

    /** A newer change of a product that still waits (or was a dead letter): delivered afresh. */
    public void supersede(long newVersion, Operation newOperation) {
        version = newVersion;
        operation = newOperation;
        attempts = 0;
        lastError = null;
        deadSince = null;
    }

    /** Taken by this worker until then. */
    public void claim(String worker, Instant until) {
        claimedBy = worker;
        claimedUntil = until;
    }

    /** Records a failed delivery of this product; after {@code maxAttempts} it becomes a dead letter. */
    public void failed(String error, int maxAttempts, Instant now) {
        claimedBy = null;
        claimedUntil = null;
        attempts++;
        lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
        if (attempts >= maxAttempts) {
            deadSince = now;
        }
    }

    /** Back into the queue with fresh attempts. */
    public void revive() {
        attempts = 0;
        deadSince = null;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }

    public Instant deadSince() {
        return deadSince;
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

    public String claimedBy() {
        return claimedBy;
    }

    public Instant claimedUntil() {
        return claimedUntil;
    }
}
