package io.magpie.retrieval.restart;

import io.magpie.testsupport.ChildServerResource;
import io.magpie.testsupport.FreePort;
import io.magpie.testsupport.MagpieRoot;
import io.magpie.testsupport.ManagedProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * milvus-lite for {@link MilvusRestartTest}, which kills it with SIGKILL and starts it again on the same port and
 * data folder, as an operator's restart does.
 */
public class RestartableMilvusResource extends ChildServerResource {

    private static volatile RestartableMilvusResource current;

    private List<String> command;
    private int port;
    private Path scratch;
    private ManagedProcess first;
    private ManagedProcess restarted;

    @Override
    public java.util.Map<String, String> start() {
        Path launcher = MagpieRoot.dir().resolve(".magpie/milvus-venv/bin/milvus-lite");
        port = FreePort.pick();
        scratch = scratch("milvus-restart");
        command = List.of(
                launcher.toString(),
                "server",
                "--data-dir",
                scratch.resolve("data").toString(),
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port));
        first = launch("milvus-lite", command, this::listening, Duration.ofMinutes(2));
        current = this;
        return java.util.Map.of("magpie.retrieval.milvus.uri", "http://127.0.0.1:" + port);
    }

    /** Kills the running server (and its children) with SIGKILL, then starts it again on the same data. */
    static void killAndRestart(long currentPid) throws InterruptedException {
        ProcessHandle server = ProcessHandle.of(currentPid).orElseThrow();
        server.descendants().forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly();
        server.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        RestartableMilvusResource resource = current;
        resource.restarted = ManagedProcess.start(
                "milvus-lite-restarted",
                resource.command,
                resource.scratch,
                resource::listening,
                Duration.ofMinutes(2));
    }

    /** The pid of the server that runs now. */
    static long serverPid() {
        RestartableMilvusResource resource = current;
        return (resource.restarted != null ? resource.restarted : resource.first).pid();
    }

    private boolean listening(String line) {
        return line.contains("listening") && line.contains(":" + port);
    }

    @Override
    public void stop() {
        if (restarted != null) {
            restarted.close();
        }
        super.stop();
    }
}
