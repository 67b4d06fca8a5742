package io.magpie.retrieval.restart;

import io.magpie.testsupport.ChildServerResource;
import io.magpie.testsupport.FreePort;
import io.magpie.testsupport.MagpieRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * milvus-lite for {@link MilvusRestartTest}, which kills it with SIGKILL and starts it again on the same port and
 * data folder, as an operator's restart does (ChildServerResource's kill and restart).
 */
public class RestartableMilvusResource extends ChildServerResource {

    private static volatile RestartableMilvusResource current;

    @Override
    public Map<String, String> start() {
        Path launcher = MagpieRoot.dir().resolve(".magpie/milvus-venv/bin/milvus-lite");
        int port = FreePort.pick();
        Path scratch = scratch("milvus-restart");
        List<String> command = List.of(
                launcher.toString(),
                "server",
                "--data-dir",
                scratch.resolve("data").toString(),
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port));
        launch(
                "milvus-lite",
                command,
                line -> line.contains("listening") && line.contains(":" + port),
                Duration.ofMinutes(2));
        current = this;
        return Map.of("magpie.retrieval.milvus.uri", "http://127.0.0.1:" + port);
    }

    /** Kills the running server (and its children) with SIGKILL, then starts it again on the same data. */
    static void killAndRestart() {
        current.killServer();
        current.restartServer();
    }
}
