package io.magpie.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real encoder-service for a {@code @QuarkusTest} of a service that calls it: its fast-jar in a child JVM on a
 * free loopback port, PyTorch natives from {@code .magpie/djl} (unpacked once, never downloaded), awaited until
 * {@code /q/health/ready} answers UP, that is until the model is loaded.
 *
 * <p>The URL goes to {@code quarkus.rest-client.encoder.url}, the key of {@code io.magpie.api.encoder.EncoderClient}.
 * Build the service first: {@code ./mvnw -o package -pl encoder-service -DskipTests}. To test against an encoder
 * that already runs (a local stack), set the system property {@value #EXTERNAL_URL_PROPERTY} to its URL instead.
 */
public class EncoderServiceTestResource extends ChildServerResource {

    public static final String CONFIG_KEY = "quarkus.rest-client.encoder.url";

    /** The process id of the encoder this resource started (absent for an external one): a test may SIGSTOP it. */
    public static final String PID_KEY = "magpie.test.encoder.pid";

    /** When set, the tests use the encoder at this URL and start none. */
    public static final String EXTERNAL_URL_PROPERTY = "magpie.test.encoder.url";

    static final String FAST_JAR = "encoder-service/target/quarkus-app/quarkus-run.jar";

    /** First start unpacks ~430 MB of natives; a busy two-core machine needs minutes for that. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    /** The model's tensors live off-heap; serial GC keeps a small JVM quick on two shared cores. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx1g", "-XX:+UseSerialGC");

    private Path log;

    /** The encoder-service fast-jar, or a failure that says how to build it. */
    static Path fastJar() {
        Path jar = MagpieRoot.dir().resolve(FAST_JAR);
        if (!Files.isRegularFile(jar) || !Files.isDirectory(jar.getParent().resolve("app"))) {
            throw new IllegalStateException("encoder-service is not built: " + jar + " is missing. Build it first: "
                    + "./mvnw -o package -pl encoder-service -am -DskipTests (or build the whole project).");
        }
        return jar;
    }

    @Override
    public Map<String, String> start() {
        String external = System.getProperty(EXTERNAL_URL_PROPERTY, "").strip();
        if (!external.isEmpty()) {
            return Map.of(CONFIG_KEY, external);
        }
        Path jar = fastJar();
        Path root = MagpieRoot.dir();
        int port = FreePort.pick();
        Path scratch = scratch("encoder");
        log = scratch.resolve("encoder-service.log");
        // system properties go before -jar, or the JVM hands them to the application as arguments
        List<String> command = java(
                JVM_OPTIONS,
                "-Djava.io.tmpdir=" + scratch,
                "-DDJL_CACHE_DIR=" + root.resolve(".magpie/djl"),
                "-Dai.djl.offline=true",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-jar",
                jar.toString());
        String url = "http://127.0.0.1:" + port;
        // "Listening on" means HTTP is up; the model may still be loading, so readiness is polled after it
        ManagedProcess encoder =
                launch("encoder-service", command, line -> line.contains("Listening on"), START_TIMEOUT);
        Readiness.await("encoder-service", url, START_TIMEOUT, log);
        Map<String, String> config = new HashMap<>(TestServiceCredential.forServiceUnderTest());
        config.put(CONFIG_KEY, url);
        config.put(PID_KEY, String.valueOf(encoder.pid()));
        return config;
    }
}
