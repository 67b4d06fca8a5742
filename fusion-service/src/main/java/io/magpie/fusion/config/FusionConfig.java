package io.magpie.fusion.config;

import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.fusion.ReciprocalRankFusion;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Settings of fusion-service. */
@ConfigMapping(prefix = "magpie.fusion")
public interface FusionConfig {

    /**
     * Fixed strategy used when a request names none and no learned model is active: weighted (graph weight 0.3),
     * the best fixed strategy measured on ESCI (docs/eval/fusion-esci.md: NDCG@10 0.6578 over dense, lexical and
     * graph vs 0.6476 over dense and lexical, 0.6349 for RRF over all three).
     */
    @WithDefault("weighted")
    FusionStrategy defaultStrategy();

    /**
     * The sources whose lists {@link #defaultStrategy()} fuses (a request with none of them is fused whole); the
     * learned model and explicitly requested strategies see every list.
     */
    @WithDefault("dense,lexical,graph")
    List<String> defaultSources();

    Models models();

    Features features();

    /** Ranking features. */
    interface Features {

        /**
         * Products whose analysed text (stems of title, bullets, category...) is kept between requests, so only new
         * or changed products are analysed (about 3 KB each with ESCI text; 0 turns it off).
         */
        @WithDefault("10000")
        int textCacheSize();
    }

    /** Learned rankers: where versions live and how trees are trained. */
    interface Models {

        /**
         * The model folder of releases before the registry ({@code <name>/<version>/} and {@code active.json}):
         * when it exists at start-up its versions and active pointer are imported into the registry (PostgreSQL)
         * and it is renamed to {@code <dir>.imported}. Models live only in the registry.
         */
        @WithDefault(".magpie/fusion-models")
        String dir();

        /** CPU threads a training job uses. */
        @WithDefault("2")
        int trainingThreads();

        /** How often a replica re-reads the registry's newest activation (another replica may have made one). */
        @WithDefault("2s")
        Duration activeRecheck();

        Trees trees();

        Attention attention();

        /**
         * Versions kept besides the active one for rollback: the most recently activated others (docs/adr/0025).
         * Older activated versions keep their row and history but lose their files.
         */
        @WithDefault("3")
        int keepPrevious();

        /** Never-activated versions (fold and candidate models) kept, newest first, per model name. */
        @WithDefault("20")
        int keepCandidates();
    }

    /**
     * Attention-model training limits (sizes and optimiser settings are AttentionHyperParameters' defaults, fixed
     * before evaluation).
     */
    interface Attention {
        /** Epochs at most. */
        @WithDefault("200")
        int maxEpochs();

        /** Epochs without a better validation NDCG@10 before stopping. */
        @WithDefault("20")
        int patience();

        /** Seeds initial weights, the validation split and the batch order. */
        @WithDefault("42")
        long seed();
    }

    /** LambdaMART hyper-parameters, fixed before evaluation (see TreeParameters for why these values). */
    interface Trees {
        @WithDefault("4")
        int maxDepth();

        @WithDefault("0.05")
        double eta();

        @WithDefault("5")
        double minChildWeight();

        @WithDefault("0.8")
        double subsample();

        @WithDefault("0.8")
        double colsampleByTree();

        @WithDefault("5")
        double lambda();

        @WithDefault("300")
        int maxRounds();

        /** Inner folds of the training queries whose mean NDCG@10 curve chooses the number of rounds. */
        @WithDefault("4")
        int validationFolds();

        @WithDefault("42")
        long seed();

        /**
         * How a training request without {@code ?variant=} fits (TreeVariant): a name fits that one only;
         * {@code auto} compares every variant by the inner cross-validation and keeps the best, at seven times the
         * CPU. {@code plain}: on ESCI no variant beat it held out (docs/adr/0025).
         */
        @WithDefault("plain")
        String variant();

        /**
         * Whether a training request without {@code ?bagged=} keeps the mean of the refit and the inner-fold models
         * (ADR 0042) instead of the refit alone. {@code false}: the bag tied the refit on quality (+0.0001 over three
         * outer splits) and, measured on a quiet machine, misses the p99 goal of 5 ms for 300 candidates (6.3 ms)
         * that the single model meets (4.1 ms); see that ADR's revision.
         */
        @WithDefault("false")
        boolean bagged();
    }

    /** The k of reciprocal rank fusion: larger values flatten the advantage of top ranks. */
    @WithDefault("" + ReciprocalRankFusion.DEFAULT_K)
    int rrfK();

    /**
     * Weight of each source in the {@code weighted} strategy, {@code magpie.fusion.weights.<source>} (finite,
     * >= 0). The defaults, in application.properties: dense 1.0, lexical 1.0, graph 0.3 (graph neighbours are
     * weaker evidence of relevance to the query than a direct match).
     */
    Map<String, Double> weights();

    /** Weight of a source that {@link #weights()} does not name. */
    @WithDefault("1.0")
    double unlistedSourceWeight();
}
