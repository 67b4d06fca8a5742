package io.magpie.fusion.ranking.attention;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's intra-op thread count for the threads that score or train DJL models (attention fusion, the
 * collaborative next-item model). PyTorch's OpenMP setting
 * belongs to the calling thread, so it is set once on each thread before its first call. One thread by default:
 * the model's operations are a few small matrices, and on a busy 2-core machine a two-thread team waiting for a
 * descheduled member made scoring 300 candidates take ~100 ms at the median instead of under 1 ms (measured,
 * docs/benchmarks/fusion-attention.md).
 */
public final class IntraOpThreads {

    /** DJL's name of the engine the models run on. */
    public static final String ENGINE = AttentionFusionModel.ENGINE;

    static final int DEFAULT = 1;

    private static final ThreadLocal<Boolean> SET = ThreadLocal.withInitial(() -> false);

    private IntraOpThreads() {}

    /** Sets the default count on this thread unless a count was set on it already. */
    public static void ensure() {
        if (!SET.get()) {
            set(DEFAULT);
        }
    }

    /** Sets the count on this thread. */
    static void set(int threads) {
        // The natives load with the engine; JniUtils before that has nothing to call.
        Engine.getEngine(AttentionFusionModel.ENGINE);
        JniUtils.setNumThreads(threads);
        SET.set(true);
    }
}
