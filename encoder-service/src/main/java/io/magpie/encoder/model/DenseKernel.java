package io.magpie.encoder.model;

/**
 * How the serving forward pass computes its dense (fully connected) layers. At query size (a few tokens) a dense
 * layer's matrix product is cheap next to preparing its weights: the engine's own {@code linear} hands the weights
 * to MKL, which copies (packs) the whole matrix into its blocked layout on every call. The packed kernels do that
 * once, when the model loads (see docs/adr/0035).
 */
public enum DenseKernel {
    /** The engine's {@code linear}: MKL re-packs the float32 weights on every call. Any device. */
    PLAIN,
    /** oneDNN with the float32 weights reordered into its blocked layout once, at load. CPU only; same results. */
    PACKED,
    /**
     * FBGEMM with the weights rounded to float16 and packed once, at load; activations stay float32. CPU only;
     * reduced precision, so opt-in: vectors are within cosine 0.999 of float32, not bit-for-bit.
     */
    HALF,
    /**
     * FBGEMM with the weights quantised to int8 per output channel and packed once, at load; activations are
     * quantised per call (dynamic quantisation) and the output is float32. CPU only; reduced precision, so opt-in.
     */
    INT8;

    /** What runs on {@code cpu} (whether the model's device is the CPU): the packed kernels are CPU-only. */
    DenseKernel on(boolean cpu) {
        return cpu ? this : PLAIN;
    }
}
