package io.magpie.encoder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** Settings of the encoder service ({@code magpie.encoder.*}). */
@ConfigMapping(prefix = "magpie.encoder")
public interface EncoderConfig {

    /** The model this service serves; a request may name it or leave the name out. */
    @WithDefault("all-minilm-l6-v2")
    String model();

    /** Most texts that go through the network in one forward pass. */
    @WithDefault("32")
    @Min(1)
    int maxBatchSize();

    /** Most texts accepted in one request; more is a 400, so one caller cannot hold the model for long. */
    @WithDefault("256")
    @Min(1)
    int maxTextsPerRequest();

    /**
     * Forward passes that may run at the same time, each on its own dedicated thread; the others queue.
     * On CPU one pass already keeps every intra-op thread busy, so more only makes passes fight over cores.
     */
    @WithDefault("1")
    @Min(1)
    int maxConcurrentBatches();

    /** PyTorch intra-op threads; empty means one per available processor. */
    @Min(1)
    OptionalInt intraOpThreads();

    /** The intra-op threads to use: the configured number, or one per available processor. */
    default int effectiveIntraOpThreads() {
        return intraOpThreads().orElse(Runtime.getRuntime().availableProcessors());
    }

    /** How DJL finds its native libraries. */
    Djl djl();

    interface Djl {

        /** Never download anything: the PyTorch and tokenizer natives come from jars on the class path. */
        @WithDefault("true")
        boolean offline();

        /**
         * Where DJL unpacks its natives (about 430 MB); used only when neither the {@code DJL_CACHE_DIR}
         * environment variable nor the system property is set. Empty means DJL's default, {@code ~/.djl.ai}.
         */
        Optional<Path> cacheDir();
    }
}
