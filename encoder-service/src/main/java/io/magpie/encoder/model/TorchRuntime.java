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

    private TorchRuntime() {
    }

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
            cacheDir.ifPresent(dir -> System.setProperty("DJL_CACHE_DIR", dir.toAbsolutePath().toString()));
        }
        // Only TorchScript models use the graph executor; we run eager operations, so keep it off (and quiet).
        if (System.getProperty("ai.djl.pytorch.graph_optimizer") == null) {
            System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        }
        Engine engine = Engine.getEngine(ENGINE);
        // The engine reads ai.djl.pytorch.num_threads only when it starts, which may have happened before.
        JniUtils.setNumThreads(intraOpThreads);
        LOG.infof("PyTorch %s on %s, %d intra-op threads, DJL offline=%s, natives in %s",
                engine.getVersion(), engine.defaultDevice(), JniUtils.getNumThreads(), offline,
                Utils.getEngineCacheDir());
        return engine;
    }
}
