package io.magpie.retrieval.store;

import io.magpie.api.catalog.ReindexStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The shared reindex state ({@link ReindexState}): one reindex cluster-wide, its progress visible from every
 * replica. A run whose heartbeat is older than {@code staleAfter} counts as dead (its replica went away), so a new
 * one may start. Must be called on a Vert.x event-loop context.
 */
@ApplicationScoped
public class ReindexStateRepository implements PanacheRepositoryBase<ReindexState, Integer> {

    /**
     * Takes the reindex for {@code owner} with this (first) status, unless another runs and is alive: the row is
     * locked while deciding, so of two replicas starting at once one wins. Answers the state that stands: the new
     * one when taken, else the running one.
     */
    @WithTransaction
    public Uni<Taken> tryStart(String owner, ReindexStatus first, Duration staleAfter) {
        Instant now = Instant.now();
        return getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into catalog.reindex_state (id, phase, done, total, rate_per_second)"
                                        + " values (:id, :phase, 0, 0, 0) on conflict (id) do nothing")
                        .setParameter("id", ReindexState.ID)
                        .setParameter("phase", ReindexStatus.IDLE.phase())
                        .executeUpdate())
                .chain(() -> findById(ReindexState.ID, LockModeType.PESSIMISTIC_WRITE))
                .map(state -> {
                    if (state.runningSince(now.minus(staleAfter))) {
                        return new Taken(false, state.status());
                    }
                    state.record(first, owner, now);
                    return new Taken(true, first);
                });
    }

    /** Whether the reindex was taken, and the status that stands. */
    public record Taken(boolean taken, ReindexStatus status) {}

    /** Records the progress of the reindex this owner runs (and that it is alive); ignored if it is not its own. */
    @WithTransaction
    public Uni<Void> record(String owner, ReindexStatus status) {
        return findById(ReindexState.ID)
                .invoke(state -> {
                    if (state != null && owner.equals(state.owner())) {
                        state.record(status, owner, Instant.now());
                    }
                })
                .replaceWithVoid();
    }

    /** The current or last reindex of the cluster; IDLE when none ever ran. */
    @WithSession
    public Uni<ReindexStatus> current() {
        return findById(ReindexState.ID).map(state -> state == null ? ReindexStatus.IDLE : state.status());
    }

    /**
     * The collection a live reindex is building, once it exists (phase COPYING or SWAPPING): outbox deliveries of
     * every replica write to it as well.
     */
    @WithSession
    public Uni<Optional<String>> target(Duration staleAfter) {
        Instant aliveSince = Instant.now().minus(staleAfter);
        return findById(ReindexState.ID).map(state -> {
            if (state == null || !state.runningSince(aliveSince)) {
                return Optional.empty();
            }
            ReindexStatus status = state.status();
            boolean built = "COPYING".equals(status.phase()) || "SWAPPING".equals(status.phase());
            return built ? Optional.ofNullable(status.collection()) : Optional.empty();
        });
    }
}
