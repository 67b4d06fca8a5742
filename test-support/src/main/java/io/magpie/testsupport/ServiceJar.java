package io.magpie.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Magpie service's fast-jar ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as a child process on a
 * free loopback port, with its configuration as system properties and the service credential
 * ({@link TestServiceCredential}) in its environment: what a deployment runs, so that a test can talk to it for
 * real, kill it with SIGKILL and start it again on the same port.
 */
public final class ServiceJar {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final String name;
    private final Path jar;
    private final Map<String, String> properties;
    private final Path workDir;
    private final int port;
    private ManagedProcess process;

    /**
     * @param module     the service's module folder, e.g. {@code fusion-service}; the system property
     *                   {@code magpie.test.<module>.app} may name another quarkus-app folder (a copy safe from a
     *                   rebuild of the module)
     * @param properties its configuration
     * @param workDir    where it runs and logs
     */
    public ServiceJar(String module, Map<String, String> properties, Path workDir) {
        this.name = module;
        String app = System.getProperty("magpie.test." + module + ".app", "").strip();
        this.jar = (app.isEmpty() ? MagpieRoot.dir().resolve(module).resolve("target/quarkus-app") : Path.of(app))
                .resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(module + " is not packaged: " + jar + " is missing; run `./mvnw verify` "
                    + "or `./mvnw -o package -pl " + module + " -DskipTests` first");
        }
        this.properties = Map.copyOf(properties);
        this.workDir = workDir;
        this.port = FreePort.pick();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the service (again, after {@link #kill()}, on the same port) and waits until it answers ready. */
    public void start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + workDir,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        process = ManagedProcess.start(
                name,
                command,
                TestServiceCredential.environment(),
                workDir,
                line -> line.contains("Listening on"),
                START_TIMEOUT);
        Readiness.await(name, url(), START_TIMEOUT, workDir);
    }

    /** SIGKILL: no shutdown hook, no drained requests, no flushed anything. */
    public void kill() {
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().join();
        process = null;
    }

    public void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
    }
}
