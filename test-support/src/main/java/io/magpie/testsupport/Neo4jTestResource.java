package io.magpie.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A real Neo4j for a {@code @QuarkusTest}: the embedded server of {@code infra/dev-servers} in a child process
 * (its own JVM, so Neo4j's netty and the driver's never share a classpath), Bolt on a free loopback port,
 * authentication off, data in a scratch folder that is deleted afterwards.
 *
 * <pre>{@code @QuarkusTestResource(Neo4jTestResource.class)}</pre>
 */
public class Neo4jTestResource extends ChildServerResource {

    /** What {@code io.magpie.devservers.Neo4jServer} prints once Bolt accepts connections (keep in step with it). */
    static final String READY = "Neo4j ready on bolt://127.0.0.1:";

    static final String LAUNCHER_CLASS = "io.magpie.devservers.Neo4jServer";

    private static final Logger LOG = Logger.getLogger(Neo4jTestResource.class);

    private static volatile Neo4jTestResource running;

    /** Neo4j took over 2 minutes to start on the shared two-core machine at load average 27-30. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    /** Small heap, serial GC and C1 only: half the start-up time on a busy two-core machine. */
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            // a test JVM that is killed takes its Neo4j with it instead of leaving it running
            "-Dmagpie.devservers.exit-with-parent=true");

    /** The Neo4j launcher jar; its dependencies sit next to it in {@code lib/} (manifest Class-Path). */
    static Path launcherJar() {
        Path jar = MagpieRoot.dir().resolve("infra/dev-servers/target/magpie-dev-servers.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Neo4j launcher " + jar + " is missing. Build it first: "
                    + "./mvnw -o install -pl infra/dev-servers -DskipTests (or build the whole project).");
        }
        return jar;
    }

    /** The Neo4j the running test uses, for a reconnect test that kills and restarts it. */
    public static Neo4jTestResource running() {
        Neo4jTestResource resource = running;
        if (resource == null) {
            throw new IllegalStateException("no Neo4jTestResource has started in this JVM");
        }
        return resource;
    }

    @Override
    public Map<String, String> start() {
        Path jar = launcherJar();
        int port = FreePort.pick();
        Path scratch = scratch("neo4j");
        List<String> command = java(
                JVM_OPTIONS,
                "-Djava.io.tmpdir=" + scratch,
                "-cp",
                jar.toString(),
                LAUNCHER_CLASS,
                "--port",
                String.valueOf(port),
                "--data-dir",
                scratch.resolve("data").toString());
        long started = System.nanoTime();
        ManagedProcess server = launch("neo4j", command, line -> line.contains(READY + port), START_TIMEOUT);
        LOG.infof(
                "Neo4j ready on bolt://127.0.0.1:%d in %d ms (pid %d, data in %s)",
                port, (System.nanoTime() - started) / 1_000_000, server.pid(), scratch);
        running = this;
        return Map.of(
                "quarkus.neo4j.uri", "bolt://127.0.0.1:" + port,
                "quarkus.neo4j.authentication.disabled", "true",
                "quarkus.neo4j.devservices.enabled", "false");
    }
}
