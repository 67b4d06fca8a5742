package io.magpie.encoder.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Utils;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Starts DJL's PyTorch engine with the service's settings. */
public final class TorchRuntime {

    public static final String ENGINE = "PyTorch";

    private static final Logger LOG = Logger.getLogger(TorchRuntime.class);

    private TorchRuntime() {}

    /**
     * DJL reads its settings from environment variables or system properties (the environment wins) when it
     * first loads its natives, so they are set before the engine is asked for.
     *
     * @param offline        never download natives; they must come from the jars on the class path
     * @param cacheDir       where the natives unpack, unless {@code DJL_CACHE_DIR} is already set
     * @param intraOpThreads threads one PyTorch operation may use
     */
    public static Engine start(boolean offline, Optional<Path> cacheDir, int intraOpThreads) {
        System.setProperty("ai.djl.offline", Boolean.toString(offline));
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            cacheDir.ifPresent(dir ->
                    System.setProperty("DJL_CACHE_DIR", dir.toAbsolutePath().toString()));
        }
        // The graph executor optimises TorchScript; ours (TorchScriptFunction) are single operator calls with
        // nothing to fuse, which its profiling would only re-specialise per input shape: keep it off (and quiet).
        if (System.getProperty("ai.djl.pytorch.graph_optimizer") == null) {
            System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        }
        Engine engine = Engine.getEngine(ENGINE);
        // The engine reads ai.djl.pytorch.num_threads only when it starts, which may have happened before; and
        // the count is per thread (see configureCallingThread): this sets the calling thread's.
        configureCallingThread(intraOpThreads, JniUtils.isGradMode());
        LOG.infof(
                "PyTorch %s on %s, %d intra-op threads, OMP_WAIT_POLICY %s, DJL offline=%s, natives in %s",
                engine.getVersion(),
                engine.defaultDevice(),
                JniUtils.getNumThreads(),
                ompWaitPolicy(),
                offline,
                Utils.getEngineCacheDir());
        return engine;
    }

    /**
     * Settles PyTorch's per-thread state for the calling thread, which must call into PyTorch only after the
     * engine has started: its intra-op thread count and gradient mode. PyTorch keeps both per thread: OpenMP's
     * thread count is a per-thread setting, initialised from the last count set anywhere when the thread first
     * runs a parallel operation, so the count is read first (which initialises it) and then set; and the gradient
     * mode of a new thread is on, which makes every operation pay for autograd checks that serving never needs.
     *
     * @return the intra-op thread count now in effect on this thread
     */
    public static int configureCallingThread(int intraOpThreads, boolean gradients) {
        JniUtils.getNumThreads();
        JniUtils.setNumThreads(intraOpThreads);
        JniUtils.setGradMode(gradients);
        return JniUtils.getNumThreads();
    }

    /**
     * How OpenMP threads wait between operations, from the {@code OMP_WAIT_POLICY} environment variable, which
     * the OpenMP runtime reads once when it loads: only the process's environment can set it.
     */
    public static String ompWaitPolicy() {
        String policy = System.getenv("OMP_WAIT_POLICY");
        return policy == null ? "unset (OpenMP default: threads spin before they sleep)" : policy;
    }
}
