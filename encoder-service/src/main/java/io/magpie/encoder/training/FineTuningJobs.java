package io.magpie.encoder.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.magpie.api.JobState;
import io.magpie.api.encoder.FineTuningJob;
import io.magpie.api.encoder.FineTuningRequest;
import io.magpie.api.problem.ProblemException;
import io.magpie.encoder.config.EncoderConfig;
import io.magpie.encoder.config.FineTuningConfig;
import io.magpie.encoder.model.BertCheckpoint;
import io.magpie.encoder.model.TorchRuntime;
import io.magpie.encoder.model.hf.ModelDescriptor;
import io.magpie.encoder.store.FineTuningJobFiles;
import io.magpie.encoder.store.JobLockFile;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs fine-tuning jobs one at a time on a thread of their own, with their own number of PyTorch intra-op threads,
 * so that serving keeps its threads. One at a time over every replica: a job starts only once its replica holds
 * the lock file in the shared model directory ({@link JobLockFile}), refreshed by a heartbeat. Each job's record is
 * a file there too ({@link FineTuningJobFiles}), so any replica lists and follows any job, and a job whose replica
 * stopped is shown failed rather than running forever (docs/adr/0037).
 */
@ApplicationScoped
public class FineTuningJobs {

    private static final Logger LOG = Logger.getLogger(FineTuningJobs.class);

    private final FineTuningConfig config;
    private final EncoderConfig encoderConfig;
    private final BaseModels models;
    private final FineTuningRequestValidator validator;
    private final Clock clock = Clock.systemUTC();
    /** This replica's name in job records and the lock: host and process, unique per start. */
    private final String replica;
    /** The job this replica runs, if any. */
    private final AtomicReference<Job> current = new AtomicReference<>();

    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "encoder-fine-tuning");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "encoder-fine-tuning-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    @Inject
    public FineTuningJobs(
            FineTuningConfig config,
            EncoderConfig encoderConfig,
            BaseModels models,
            FineTuningRequestValidator validator) {
        this(
                config,
                encoderConfig,
                models,
                validator,
                ManagementFactory.getRuntimeMXBean().getName());
    }

    /** With a replica name of its own: a test runs a second replica's jobs in the same process. */
    public FineTuningJobs(
            FineTuningConfig config,
            EncoderConfig encoderConfig,
            BaseModels models,
            FineTuningRequestValidator validator,
            String replica) {
        this.config = config;
        this.encoderConfig = encoderConfig;
        this.models = models;
        this.validator = validator;
        this.replica = replica;
    }

    /**
     * Validates and queues a job; 409 naming the job while another one is queued or running on any replica. A lock
     * left by a stopped replica (no heartbeat for the stale-after) is taken over and its job marked failed.
     */
    public synchronized FineTuningJob submit(FineTuningRequest request) {
        FineTuningPlan plan = validator.validate(request);
        Job local = current.get();
        if (local != null) {
            throw busy(local.id, replica);
        }
        Job job = new Job(UUID.randomUUID().toString(), plan, clock.instant(), replica);
        JobLockFile lock = lock();
        try {
            Optional<JobLockFile.Holder> holder = lock.tryAcquire(job.holder(clock.instant()));
            if (holder.isPresent() && holder.get().staleAt(clock.instant(), config.staleAfter())) {
                if (lock.breakStale(holder.get())) {
                    markStopped(holder.get());
                }
                holder = lock.tryAcquire(job.holder(clock.instant()));
            }
            if (holder.isPresent()) {
                throw busy(holder.get().jobId(), holder.get().replica());
            }
            try {
                files().write(job.snapshot());
            } catch (IOException e) {
                lock.release(job.id);
                throw e;
            }
        } catch (IOException e) {
            throw new ProblemException(
                    503, "Job not recorded", "could not write the fine-tuning job's files: " + e.getMessage());
        }
        current.set(job);
        long every = config.heartbeatInterval().toMillis();
        job.beats = heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        worker.execute(() -> run(job));
        LOG.infof(
                "fine-tuning job %s queued: %s -> %s on %d pairs",
                job.id, plan.base(), plan.target(), plan.pairs().size());
        return job.snapshot();
    }

    /** A job by id, from whichever replica ran it. */
    public FineTuningJob get(String id) {
        Job local = current.get();
        if (local != null && local.id.equals(id)) {
            return local.snapshot();
        }
        try {
            Optional<FineTuningJob> record = recordsDir().isEmpty() ? Optional.empty() : files().read(id);
            return asSeenNow(record.orElseThrow(() -> ProblemException.notFound("no fine-tuning job '" + id + "'")));
        } catch (IOException e) {
            throw new ProblemException(503, "Job not readable", "job '" + id + "': " + e.getMessage());
        }
    }

    /** Every recorded job, of every replica, newest first. */
    public List<FineTuningJob> list() {
        if (recordsDir().isEmpty()) {
            return List.of();
        }
        Job local = current.get();
        try {
            List<FineTuningJob> all = new ArrayList<>();
            for (FineTuningJob record : files().all()) {
                all.add(local != null && local.id.equals(record.id()) ? local.snapshot() : asSeenNow(record));
            }
            return all;
        } catch (IOException e) {
            throw new ProblemException(503, "Jobs not readable", "the fine-tuning job records: " + e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        close();
    }

    /**
     * Stops the job this replica runs, records it as failed and frees the lock, so no replica waits for it.
     * Public for a test's second replica.
     */
    public void close() {
        stopping = true;
        worker.shutdown();
        heartbeat.shutdownNow();
        Job job = current.get();
        if (job != null) {
            job.fail("interrupted: replica " + replica + " stopped", clock.instant());
            finish(job);
        }
    }

    /**
     * A record as it stands now: one left queued or running by a replica that no longer holds a live lock for it
     * is shown failed (its replica stopped). Only the replica that takes the lock over rewrites the record.
     */
    private FineTuningJob asSeenNow(FineTuningJob record) throws IOException {
        if (record.state().finished()) {
            return record;
        }
        Optional<JobLockFile.Holder> holder = lock().holder();
        if (holder.isPresent()
                && holder.get().jobId().equals(record.id())
                && !holder.get().staleAt(clock.instant(), config.staleAfter())) {
            return record;
        }
        // It may have finished between reading its record and the lock.
        FineTuningJob again = files().read(record.id()).orElse(record);
        return again.state().finished() ? again : stopped(again, clock.instant());
    }

    /** The job of a lock just taken over: failed, because its replica stopped. */
    private void markStopped(JobLockFile.Holder stale) throws IOException {
        Optional<FineTuningJob> record = files().read(stale.jobId());
        if (record.isPresent() && !record.get().state().finished()) {
            files().write(stopped(record.get(), stale.heartbeat()));
        }
        LOG.warnf(
                "took over the fine-tuning lock of job %s: replica %s stopped (last heartbeat %s)",
                stale.jobId(), stale.replica(), stale.heartbeat());
    }

    private static FineTuningJob stopped(FineTuningJob job, Instant lastHeard) {
        return new FineTuningJob(
                job.id(),
                JobState.FAILED,
                job.baseModel(),
                job.newModel(),
                job.pairs(),
                job.settings(),
                job.progress(),
                null,
                job.createdAt(),
                job.startedAt(),
                lastHeard,
                "replica stopped: " + job.replica() + " stopped before the job finished",
                job.replica());
    }

    /** Refreshes the running job's lock and writes its progress for the other replicas. */
    private void beat() {
        Job job = current.get();
        if (job == null) {
            return;
        }
        try {
            if (!lock().refresh(job.holder(clock.instant()))) {
                LOG.errorf("fine-tuning job %s lost its lock to another replica; stopping it", job.id);
                job.lockLost = true;
                return;
            }
            files().write(job.snapshot());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("fine-tuning job %s: heartbeat not written: %s", job.id, e.getMessage());
        }
    }

    /** Writes the finished job's record, then frees the lock (in that order: a freed lock means it is written). */
    private void finish(Job job) {
        try {
            if (!job.lockLost) {
                files().write(job.snapshot());
            }
            lock().release(job.id);
        } catch (IOException e) {
            LOG.errorf("fine-tuning job %s: its end was not recorded: %s", job.id, e.getMessage());
        } finally {
            if (job.beats != null) {
                job.beats.cancel(false);
            }
            current.compareAndSet(job, null);
        }
    }

    private ProblemException busy(String jobId, String holder) {
        return new ProblemException(
                409,
                "A fine-tuning job is running",
                "job " + jobId + " (replica " + holder + ") has not finished; one job runs at a time");
    }

    private Optional<Path> recordsDir() {
        return encoderConfig.modelDir();
    }

    private FineTuningJobFiles files() {
        return new FineTuningJobFiles(models.modelDir());
    }

    private JobLockFile lock() {
        return new JobLockFile(files().dir());
    }

    private void run(Job job) {
        FineTuningPlan plan = job.plan;
        int threads = config.effectiveThreads();
        if (!job.start(clock.instant())) {
            return; // stopped before it started
        }
        beat();
        Path checkpoints = config.workDir().resolve(job.id);
        try {
            Engine engine = TorchRuntime.start(
                    encoderConfig.djl().offline(), encoderConfig.djl().cacheDir(), threads);
            ContrastiveTrainer.Outcome outcome;
            TrainableEncoder trainable;
            // The base weights are only needed until they are copied: free them before training.
            NDManager trainingManager = engine.newBaseManager();
            try (NDManager baseManager = engine.newBaseManager()) {
                BertCheckpoint base = models.read(plan.base(), baseManager);
                trainable = TrainableEncoder.of(base, plan.hyperparameters().maxTokens(), trainingManager);
            } catch (Exception | Error e) {
                trainingManager.close();
                throw e;
            }
            try (TrainableEncoder encoder = trainable) {
                outcome = ContrastiveTrainer.train(
                        encoder,
                        plan.pairs(),
                        plan.hyperparameters(),
                        new JobListener(job, encoder.baseDescriptor(), checkpoints));
                ModelDescriptor descriptor = encoder.baseDescriptor()
                        .withVersion(
                                plan.target().version(),
                                clock.instant(),
                                plan.base().toString(),
                                TrainingMetadata.of(
                                        job.id,
                                        plan,
                                        outcome,
                                        engine.defaultDevice().toString(),
                                        threads,
                                        config.commit()));
                Path folder = VersionPublisher.publish(models.modelDir(), encoder.checkpoint(descriptor));
                job.succeed(outcome.finalLoss());
                LOG.infof(
                        "fine-tuning job %s made %s in %s (%d steps, final loss %.4f): %s",
                        job.id, plan.target(), outcome.duration(), outcome.steps(), outcome.finalLoss(), folder);
            }
        } catch (Throwable e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            job.fail(job.lockLost ? "lock taken over by another replica: " + why : why, clock.instant());
            LOG.errorf(e, "fine-tuning job %s failed", job.id);
        } finally {
            if (job.finishedAt == null) {
                job.finishedAt = clock.instant();
            }
            finish(job);
        }
    }

    /** Reports progress into the job and writes its checkpoints, keeping the newest few. */
    private final class JobListener implements ContrastiveTrainer.Listener {
        private final Job job;
        private final ModelDescriptor base;
        private final Path dir;
        private final List<Path> written = new ArrayList<>();

        JobListener(Job job, ModelDescriptor base, Path dir) {
            this.job = job;
            this.base = base;
            this.dir = dir;
        }

        @Override
        public void onStep(TrainingProgress p) {
            job.progress = new FineTuningJob.Progress(
                    p.epoch(),
                    p.epochs(),
                    p.step(),
                    p.totalSteps(),
                    p.loss(),
                    p.epochLoss(),
                    p.learningRate(),
                    p.pairsPerSecond(),
                    p.elapsed().toMillis() / 1000.0,
                    p.remaining().toMillis() / 1000.0);
            if (p.step() == 1 || p.step() % 10 == 0 || p.step() == p.totalSteps()) {
                LOG.infof(
                        "fine-tuning job %s: epoch %d/%d step %d/%d loss %.4f (epoch mean %.4f) lr %.2e, "
                                + "%.1f pairs/s, ETA %d s",
                        job.id,
                        p.epoch(),
                        p.epochs(),
                        p.step(),
                        p.totalSteps(),
                        p.loss(),
                        p.epochLoss(),
                        p.learningRate(),
                        p.pairsPerSecond(),
                        p.remaining().toSeconds());
            }
        }

        @Override
        public void onCheckpoint(TrainingProgress progress, TrainableEncoder encoder) throws Exception {
            String version = job.plan.target().version() + "-step-" + progress.step();
            Path folder = VersionPublisher.writeCheckpoint(
                    dir.resolve("step-" + progress.step()),
                    encoder.checkpoint(base.withVersion(
                            version, clock.instant(), job.plan.base().toString(), null)));
            written.add(folder);
            while (written.size() > config.keepCheckpoints()) {
                VersionPublisher.deleteRecursively(written.remove(0));
            }
            LOG.infof("fine-tuning job %s: checkpoint at step %d in %s", job.id, progress.step(), folder);
        }

        @Override
        public boolean cancelled() {
            return stopping || job.lockLost;
        }
    }

    /** A job's state, written by the worker thread and read by requests. */
    private static final class Job {
        final String id;
        final FineTuningPlan plan;
        final Instant createdAt;
        final String replica;
        volatile JobState state = JobState.QUEUED;
        /** Another replica took the lock over (this one's heartbeat went stale): the job stops. */
        volatile boolean lockLost;

        volatile ScheduledFuture<?> beats;
        volatile FineTuningJob.Progress progress;
        volatile Double finalLoss;
        volatile Instant startedAt;
        volatile Instant finishedAt;
        volatile String error;

        Job(String id, FineTuningPlan plan, Instant createdAt, String replica) {
            this.id = id;
            this.plan = plan;
            this.createdAt = createdAt;
            this.replica = replica;
        }

        JobLockFile.Holder holder(Instant now) {
            return new JobLockFile.Holder(id, replica, now);
        }

        synchronized boolean start(Instant at) {
            if (state != JobState.QUEUED) {
                return false;
            }
            state = JobState.RUNNING;
            startedAt = at;
            return true;
        }

        synchronized void succeed(double loss) {
            if (!state.finished()) {
                finalLoss = loss;
                state = JobState.SUCCEEDED;
            }
        }

        synchronized void fail(String why, Instant at) {
            if (!state.finished()) {
                error = why;
                state = JobState.FAILED;
                finishedAt = at;
            }
        }

        FineTuningJob snapshot() {
            Hyperparameters h = plan.hyperparameters();
            FineTuningRequest.Settings settings = new FineTuningRequest.Settings(
                    h.epochs(),
                    h.batchSize(),
                    h.learningRate(),
                    h.warmupRatio(),
                    h.weightDecay(),
                    h.temperature(),
                    h.maxTokens(),
                    h.seed(),
                    h.checkpointEvery());
            return new FineTuningJob(
                    id,
                    state,
                    plan.base().toString(),
                    plan.target().toString(),
                    plan.pairs().size(),
                    settings,
                    progress,
                    finalLoss,
                    createdAt,
                    startedAt,
                    finishedAt,
                    error,
                    replica);
        }
    }
}
