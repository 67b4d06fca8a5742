package io.magpie.encoder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Settings of the fine-tuning job ({@code magpie.encoder.fine-tuning.*}); defaults in application.properties. */
@ConfigMapping(prefix = "magpie.encoder.fine-tuning")
public interface FineTuningConfig {

    /** Checkpoints go to {@code <work-dir>/<job id>/}. */
    Path workDir();

    /** Folder of NDJSON pair files a request may name in {@code pairsFile}; unset refuses such requests. */
    Optional<Path> pairsDir();

    /**
     * PyTorch intra-op threads of the training thread; unset means half the processors (at least 1), so that
     * serving keeps the other half.
     */
    @Min(1)
    OptionalInt threads();

    /** Most pairs one job may train on. */
    @WithDefault("200000")
    @Min(2)
    int maxPairs();

    /** Checkpoints kept per job; older ones are deleted as new ones are written. */
    @WithDefault("2")
    @Min(1)
    int keepCheckpoints();

    /**
     * How often the replica running a job refreshes its heartbeat in the cluster-wide lock and writes the job's
     * progress to its record, which the other replicas read.
     */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /**
     * A lock whose heartbeat is older than this is a stopped replica's: its job is shown failed, and the next job
     * takes the lock over. Several heartbeat intervals, so a slow disk or a long pause does not break a live lock.
     */
    @WithDefault("1m")
    Duration staleAfter();

    /** The source commit, recorded in a trained version's metadata when known. */
    Optional<String> commit();

    /** Hyper-parameters of a request that leaves them out. */
    Defaults defaults();

    interface Defaults {
        @WithDefault("1")
        int epochs();

        @WithDefault("32")
        int batchSize();

        @WithDefault("2e-5")
        float learningRate();

        @WithDefault("0.1")
        float warmupRatio();

        @WithDefault("0.01")
        float weightDecay();

        @WithDefault("0.05")
        float temperature();

        @WithDefault("64")
        int maxTokens();

        @WithDefault("42")
        long seed();

        @WithDefault("0")
        int checkpointEvery();
    }

    /** The configured training threads, or half the processors. */
    default int effectiveThreads() {
        return threads().orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }
}
