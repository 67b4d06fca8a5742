package io.magpie.fusion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Collaborative item vectors trained from the stored events and written to retrieval-service's {@code product_cf}
 * ({@code magpie.fusion.collaborative.*}; docs/adr/0024). The training values were chosen on the validation split of
 * Amazon Scientific (docs/eval/rec-scientific-platform.md).
 */
@ConfigMapping(prefix = "magpie.fusion.collaborative")
public interface CollaborativeConfig {

    /** Whether this replica starts a training job on a schedule (the admin's start works either way). */
    @WithDefault("true")
    boolean enabled();

    /** How often the vectors are trained again from the events; the first run is one interval after start. */
    @WithDefault("1h")
    Duration interval();

    /** Events older than this (by their timestamp) are not trained on. */
    @WithDefault("365d")
    Duration window();

    /**
     * The admin key sent to retrieval-service's {@code /v1/admin/product-cf} (of a comma-separated list, the first);
     * absent: training cannot publish.
     */
    Optional<String> retrievalAdminKey();

    /** How often the replica running a training job stores its progress and beats its heartbeat. */
    @WithDefault("30s")
    Duration jobHeartbeat();

    /**
     * A queued or running job whose heartbeat is older than this is taken as abandoned (its replica stopped) and
     * marked failed by the next start.
     */
    @WithDefault("5m")
    Duration jobStaleAfter();

    /** Vectors sent per write request (retrieval-service takes at most 10,000). */
    @WithDefault("1000")
    int writeBatchSize();

    /**
     * The model trained when a request names none: {@code item2vec} (skip-gram in plain arrays, the baseline) or
     * {@code next-item} (DJL next-item model with a sampled softmax; {@link #nextItem()}), the default since it
     * scores far better on the validation split (docs/adr/0033, docs/eval/rec-scientific-collaborative.md).
     */
    @WithDefault("next-item")
    String model();

    /** The next-item model's values; the dimension, epochs (at most), rate and seed of a request override them. */
    NextItem nextItem();

    /** item2vec's vector length. */
    @WithDefault("64")
    int dimension();

    @WithDefault("5")
    int contextWindow();

    @WithDefault("5")
    int negatives();

    @WithDefault("20")
    int epochs();

    @WithDefault("0.05")
    double learningRate();

    @WithDefault("42")
    long seed();

    /** {@code magpie.fusion.collaborative.next-item.*}: the DJL next-item model (docs/adr/0033). */
    interface NextItem {

        @WithDefault("64")
        int dimension();

        /**
         * Items of the user state; the gateway sends as many recent items with a collaborative query
         * ({@code magpie.gateway.recommendations.history-items}), so serving computes the state trained on.
         */
        @WithDefault("20")
        int historyLength();

        /** The user state's recency decay; must equal the gateway's {@code collaborative-recency-decay}. */
        @WithDefault("0.5")
        double recencyDecay();

        /** Items drawn by popularity per batch as negatives, beside the batch's own targets. */
        @WithDefault("256")
        int sampledNegatives();

        @WithDefault("256")
        int batchSize();

        /** Epochs at most while early stopping looks for the best. */
        @WithDefault("40")
        int maxEpochs();

        /** Epochs without a better held-out HR@10 before stopping. */
        @WithDefault("3")
        int patience();

        @WithDefault("0.005")
        double learningRate();

        @WithDefault("0")
        double weightDecay();

        /** Cosines are divided by it before the softmax. */
        @WithDefault("0.1")
        double temperature();
    }
}
