package io.magpie.retrieval.store;

import io.magpie.api.catalog.ReindexStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The reindex of the catalogue, shared by every replica ({@code catalog.reindex_state}, one row): which replica runs
 * it, its phase and target collection, its progress, and a heartbeat. One reindex runs cluster-wide; every
 * replica's outbox deliveries write to the target while it is built; any replica reports the progress.
 */
@Entity
@Table(name = "reindex_state", schema = "catalog")
public class ReindexState {

    /** The one row. */
    public static final int ID = 1;

    @Id
    private int id;

    @Column(nullable = false, length = 16)
    private String phase;

    @Column(length = 255)
    private String collection;

    private long done;

    private long total;

    @Column(name = "rate_per_second")
    private double ratePerSecond;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(length = 2000)
    private String error;

    /** The replica that runs it. */
    @Column(length = 128)
    private String owner;

    /** Written with every step of the run: a reindex whose heartbeat stopped died with its replica. */
    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    protected ReindexState() {
        // for Hibernate
    }

    /** Records this status as the current one, run by {@code owner}, alive at {@code now}. */
    void record(ReindexStatus status, String owner, Instant now) {
        phase = status.phase();
        collection = status.collection();
        done = status.done();
        total = status.total();
        ratePerSecond = status.ratePerSecond();
        startedAt = status.startedAt();
        finishedAt = status.finishedAt();
        error = status.error() == null || status.error().length() <= 2000
                ? status.error()
                : status.error().substring(0, 2000);
        this.owner = owner;
        heartbeatAt = now;
    }

    public ReindexStatus status() {
        return new ReindexStatus(phase, collection, done, total, ratePerSecond, startedAt, finishedAt, error);
    }

    public String owner() {
        return owner;
    }

    public Instant heartbeatAt() {
        return heartbeatAt;
    }

    /** Running and heard from since {@code aliveSince}. */
    public boolean runningSince(Instant aliveSince) {
        return status().running() && heartbeatAt != null && heartbeatAt.isAfter(aliveSince);
    }
}
