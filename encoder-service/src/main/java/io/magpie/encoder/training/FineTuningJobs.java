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
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs fine-tuning jobs one at a time on a thread of their own, with their own number of PyTorch intra-op threads,
 * so that serving keeps its threads. Jobs live in memory; what lasts is the version folder a job writes.
 */
@ApplicationScoped
public class FineTuningJobs {

    private static final Logger LOG = Logger.getLogger(FineTuningJobs.class);

    private final FineTuningConfig config;
    private final EncoderConfig encoderConfig;
    private final BaseModels models;
    private final FineTuningRequestValidator validator;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicReference<Job> current = new AtomicReference<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "encoder-fine-tuning");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    public FineTuningJobs(
            FineTuningConfig config,
            EncoderConfig encoderConfig,
            BaseModels models,
            FineTuningRequestValidator validator) {
        this.config = config;
        this.encoderConfig = encoderConfig;
        this.models = models;
        this.validator = validator;
    }

    /** Validates and queues a job; 409 while another one is queued or running. */
    public FineTuningJob submit(FineTuningRequest request) {
        FineTuningPlan plan = validator.validate(request);
        Job job = new Job(UUID.randomUUID().toString(), plan, clock.instant());
        if (!current.compareAndSet(null, job)) {
            Job busy = current.get();
            throw new ProblemException(
                    409,
                    "A fine-tuning job is running",
                    "job " + (busy == null ? "?" : busy.id) + " has not finished; one job runs at a time");
        }
        jobs.put(job.id, job);
        worker.execute(() -> run(job));
        LOG.infof(
                "fine-tuning job %s queued: %s -> %s on %d pairs",
                job.id, plan.base(), plan.target(), plan.pairs().size());
        return job.snapshot();
    }

    public FineTuningJob get(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw ProblemException.notFound("no fine-tuning job '" + id + "'");
        }
        return job.snapshot();
    }

    /** All jobs since the service started, newest first. */
    public List<FineTuningJob> list() {
        List<Job> all = new ArrayList<>(jobs.values());
        all.sort(Comparator.comparing((Job j) -> j.createdAt).reversed());
        return all.stream().map(Job::snapshot).toList();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        worker.shutdown();
    }

    private void run(Job job) {
        FineTuningPlan plan = job.plan;
        int threads = config.effectiveThreads();
        job.state = JobState.RUNNING;
        job.startedAt = clock.instant();
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
                job.finalLoss = outcome.finalLoss();
                job.state = JobState.SUCCEEDED;
                LOG.infof(
                        "fine-tuning job %s made %s in %s (%d steps, final loss %.4f): %s",
                        job.id, plan.target(), outcome.duration(), outcome.steps(), outcome.finalLoss(), folder);
            }
        } catch (Throwable e) {
            job.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            job.state = JobState.FAILED;
            LOG.errorf(e, "fine-tuning job %s failed", job.id);
        } finally {
            job.finishedAt = clock.instant();
            current.compareAndSet(job, null);
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
            return stopping;
        }
    }

    /** A job's state, written by the worker thread and read by requests. */
    private static final class Job {
        final String id;
        final FineTuningPlan plan;
        final Instant createdAt;
        volatile JobState state = JobState.QUEUED;
        volatile FineTuningJob.Progress progress;
        volatile Double finalLoss;
        volatile Instant startedAt;
        volatile Instant finishedAt;
        volatile String error;

        Job(String id, FineTuningPlan plan, Instant createdAt) {
            this.id = id;
            this.plan = plan;
            this.createdAt = createdAt;
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
                    error);
        }
    }
}
