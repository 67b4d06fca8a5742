package io.magpie.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A test resource whose server runs as a child process in a scratch folder: {@link #launch} starts it, and
 * {@link #stop()} ends it and deletes the folder. A reconnect test kills it ({@link #killServer()}) and starts it
 * again on the same port and data ({@link #restartServer()}), as an operator's restart after a crash does.
 */
public abstract class ChildServerResource implements QuarkusTestResourceLifecycleManager {

    private ManagedProcess server;
    private Path scratch;
    private String name;
    private List<String> command;
    private Predicate<String> ready;
    private Duration timeout;
    private int restarts;

    /** A fresh scratch folder for this resource's server, deleted on stop. */
    protected Path scratch(String name) {
        scratch = MagpieRoot.scratch(name);
        return scratch;
    }

    /**
     * Starts the server in the scratch folder and waits until a line of its output satisfies {@code ready}. If it
     * fails, the scratch folder stays for the post-mortem: the failure names its log.
     */
    protected ManagedProcess launch(String name, List<String> command, Predicate<String> ready, Duration timeout) {
        this.name = name;
        this.command = List.copyOf(command);
        this.ready = ready;
        this.timeout = timeout;
        try {
            server = ManagedProcess.start(name, command, TestServiceCredential.environment(), scratch, ready, timeout);
            return server;
        } catch (RuntimeException e) {
            scratch = null;
            throw e;
        }
    }

    /** Kills the running server and its children with SIGKILL; {@link #restartServer()} brings it back. */
    public void killServer() {
        server.kill();
    }

    /** Starts the server again with the same command (port, data folder) and waits until it is ready. */
    public void restartServer() {
        restarts++;
        // a log of its own: the first run's log stays for the post-mortem
        server = ManagedProcess.start(
                name + "-restart-" + restarts, command, TestServiceCredential.environment(), scratch, ready, timeout);
    }

    /** The pid of the server that runs now. */
    public long serverPid() {
        return server.pid();
    }

    /** A command line that runs this JVM's java with {@code jvmOptions}, then {@code arguments}. */
    protected static List<String> java(List<String> jvmOptions, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(arguments));
        return command;
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
                server = null;
            }
        } finally {
            ScratchDirs.delete(scratch);
            scratch = null;
        }
    }
}
