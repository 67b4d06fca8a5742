package io.magpie.encoder.config;

import io.magpie.encoder.model.DenseKernel;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Settings of the encoder service ({@code magpie.encoder.*}). */
@ConfigMapping(prefix = "magpie.encoder")
public interface EncoderConfig {

    /**
     * The model a request without a {@code model} gets (its active version). BGE small v1.5 by default: the best
     * dense source measured on ESCI (docs/adr/0021); {@code all-minilm-l6-v2} stays built in.
     */
    @WithDefault("bge-small-en-v1.5")
    String model();

    /**
     * Models loaded at start, each {@code name} (its active version: the one last activated, else the built-in
     * one, else the newest) or {@code name@version}. The default model is always loaded.
     */
    @WithDefault("bge-small-en-v1.5")
    List<String> load();

    /**
     * Where model versions live, as {@code <name>/<version>/} Hugging Face folders with a
     * {@code magpie-model.json}; scanned on every listing, so new versions appear without a restart. Empty means
     * built-in models only.
     */
    Optional<Path> modelDir();

    /**
     * How often each replica reads the active markers in the model directory and swaps in the version they name
     * (loaded and warmed first), so every replica serves what the last activation on any of them chose. Zero
     * turns following off.
     */
    @WithDefault("5s")
    Duration activeRefreshInterval();

    /** Where the model runs: {@code cpu}, {@code gpu} or {@code gpu0}, ...; empty means a GPU when present. */
    Optional<String> device();

    /** How long the first text of a batch waits for others before the batch runs anyway. */
    @WithDefault("3ms")
    Duration batchWindow();

    /**
     * Texts waiting for a forward pass in each lane (queries, documents), over all requests; a request that does
     * not fit gets 503 with Retry-After. At least max-texts-per-request.
     */
    @WithDefault("4096")
    @Min(1)
    int queueCapacity();

    /** The Retry-After a caller gets with a 503 when the queue is full. */
    @WithDefault("1")
    @Min(1)
    int retryAfterSeconds();

    /** Most texts that go through the network in one forward pass. */
    @WithDefault("32")
    @Min(1)
    int maxBatchSize();

    /** Most texts accepted in one request; more is a 400, so one caller cannot hold the model for long. */
    @WithDefault("256")
    @Min(1)
    int maxTextsPerRequest();

    /**
     * Document forward passes that may run at the same time, each on its own dedicated thread taking batches from
     * the document queue (the query lane has one thread of its own).
     * On CPU one pass already keeps every intra-op thread busy, so more only makes passes fight over cores.
     */
    @WithDefault("1")
    @Min(1)
    int maxConcurrentBatches();

    /**
     * PyTorch intra-op threads of the document lane's forward threads (bulk encodes); empty means one per
     * available processor.
     */
    @Min(1)
    OptionalInt intraOpThreads();

    /**
     * PyTorch intra-op threads of the query lane's forward thread. One: a query of a few word pieces gains nothing
     * from a team of threads, which costs CPU to hand work to and to wait in (docs/benchmarks/encoder-cpu.md).
     */
    @WithDefault("1")
    @Min(1)
    int queryIntraOpThreads();

    /**
     * How the forward pass computes its dense layers: {@code packed} (float32 weights packed once at load; the
     * default), {@code plain} (the engine's linear, which re-packs the weights on every call) or {@code half}
     * (float16 weights, opt-in: within cosine 0.999 of float32) or {@code int8} (int8 weights per output channel,
     * dynamically quantised activations; opt-in). Packed kernels run on the CPU only; on a GPU the plain one runs.
     * See docs/adr/0035 and 0041.
     */
    @WithDefault("packed")
    DenseKernel denseKernel();

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
