package io.magpie.fusion.collaborative;

import io.magpie.api.JobState;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.recs.CollaborativeTrainingJob;
import io.magpie.api.recs.CollaborativeTrainingJob.Progress;
import io.magpie.api.recs.CollaborativeTrainingRequest;
import io.magpie.api.recs.CollaborativeTrainingResult;
import io.magpie.fusion.config.CollaborativeConfig;
import io.magpie.fusion.store.CollaborativeJobStore;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs trainings of the collaborative item vectors as background jobs, for the admin and for the schedule alike:
 * one at a time across all replicas (the job rows in PostgreSQL, {@link CollaborativeJobStore}), each followed by its
 * state, progress (epochs) and result or error, readable from any replica.
 */
@ApplicationScoped
public class CollaborativeTrainingJobs {

    public static final String ADMIN = "admin";
    public static final String SCHEDULE = "schedule";

    private static final Logger LOG = Logger.getLogger(CollaborativeTrainingJobs.class);

    private final CollaborativeTraining training;
    private final CollaborativeJobStore store;
    private final CollaborativeConfig config;
    private final Vertx vertx;

    public CollaborativeTrainingJobs(
            CollaborativeTraining training, CollaborativeJobStore store, CollaborativeConfig config, Vertx vertx) {
        this.training = training;
        this.store = store;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent start) {
        if (config.enabled() && config.retrievalAdminKey().isPresent()) {
            vertx.setPeriodic(
                    config.interval().toMillis(),
                    id -> start(SCHEDULE, CollaborativeTrainingRequest.DEFAULTS)
                            .subscribe()
                            .with(
                                    job -> LOG.infof("scheduled collaborative training started: job %s", job.id()),
                                    failure -> LOG.infof(
                                            "no scheduled collaborative training now: %s", failure.getMessage())));
        }
    }

    /**
     * Checks the values (400 naming the bad fields; 503 without a retrieval admin key), stores a queued job and
     * starts it; 409 naming the running job while one is queued or running on any replica.
     */
    public Uni<CollaborativeTrainingJob> start(String trigger, CollaborativeTrainingRequest request) {
        return Uni.createFrom().deferred(() -> {
            CollaborativeTraining.Plan parameters =
                    training.parameters(request == null ? CollaborativeTrainingRequest.DEFAULTS : request);
            String key = training.retrievalKey();
            CollaborativeTrainingJob job = new CollaborativeTrainingJob(
                    UUID.randomUUID().toString(), JobState.QUEUED, trigger, null, null, null, Instant.now(), null);
            return failAbandoned()
                    .chain(() -> store.insertIfNoneActive(job))
                    .chain(inserted -> inserted ? Uni.createFrom().item(job) : conflict())
                    .invoke(queued -> run(queued, parameters, key));
        });
    }

    public Uni<CollaborativeTrainingJob> get(String id) {
        return store.find(id)
                .map(found ->
                        found.orElseThrow(() -> ProblemException.notFound("no collaborative training job " + id)));
    }

    /** A running job whose replica stopped beating its heartbeat will never finish: it is marked failed. */
    private Uni<Void> failAbandoned() {
        return store.active()
                .chain(active -> active.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : store.failIfAbandoned(
                                        finished(
                                                active.get(),
                                                JobState.FAILED,
                                                null,
                                                "abandoned: its replica gave no sign of life for "
                                                        + config.jobStaleAfter()),
                                        config.jobStaleAfter())
                                .replaceWithVoid());
    }

    private Uni<CollaborativeTrainingJob> conflict() {
        return store.active().map(active -> {
            throw new ProblemException(
                    409,
                    "Conflict",
                    active.map(running -> "collaborative training job " + running.id() + " is "
                                    + running.state().json() + "; one training runs at a time")
                            .orElse("another collaborative training job has just finished or started; try again"));
        });
    }

    /** Trains in the background; the row follows every epoch and a heartbeat, and ends succeeded or failed. */
    private void run(CollaborativeTrainingJob queued, CollaborativeTraining.Plan parameters, String key) {
        AtomicReference<CollaborativeTrainingJob> current = new AtomicReference<>(with(queued, JobState.RUNNING, null));
        save(current.get());
        long heartbeat = vertx.setPeriodic(config.jobHeartbeat().toMillis(), id -> save(current.get()));
        training.train(
                        parameters,
                        key,
                        progress -> save(current.updateAndGet(job -> with(job, JobState.RUNNING, progress))))
                .map(result -> finished(current.get(), JobState.SUCCEEDED, result, null))
                .onFailure()
                .recoverWithItem(failure -> finished(current.get(), JobState.FAILED, null, message(failure)))
                .chain(done -> {
                    vertx.cancelTimer(heartbeat);
                    current.set(done);
                    return store.updateActive(done);
                })
                .subscribe()
                .with(
                        stored -> log(current.get()),
                        failure -> LOG.warnf(
                                failure, "cannot store the end of collaborative training job %s", queued.id()));
    }

    private void save(CollaborativeTrainingJob job) {
        store.updateActive(job)
                .subscribe()
                .with(
                        stored -> {},
                        failure -> LOG.warnf(
                                "cannot store collaborative training job %s: %s", job.id(), failure.getMessage()));
    }

    private static void log(CollaborativeTrainingJob job) {
        if (job.state() == JobState.SUCCEEDED) {
            LOG.infof("collaborative training job %s (%s) succeeded: %s", job.id(), job.trigger(), job.result());
        } else {
            LOG.warnf("collaborative training job %s (%s) failed: %s", job.id(), job.trigger(), job.error());
        }
    }

    private static String message(Throwable failure) {
        return failure instanceof ProblemException
                ? failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static CollaborativeTrainingJob with(CollaborativeTrainingJob job, JobState state, Progress progress) {
        return new CollaborativeTrainingJob(
                job.id(),
                state,
                job.trigger(),
                progress == null ? job.progress() : progress,
                null,
                null,
                job.started(),
                null);
    }

    private static CollaborativeTrainingJob finished(
            CollaborativeTrainingJob job, JobState state, CollaborativeTrainingResult result, String error) {
        return new CollaborativeTrainingJob(
                job.id(), state, job.trigger(), job.progress(), result, error, job.started(), Instant.now());
    }
}
