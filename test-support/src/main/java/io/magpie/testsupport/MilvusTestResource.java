package io.magpie.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Milvus for a {@code @QuarkusTest}: the milvus-lite gRPC server (FAISS indexes, BM25 functions, aliases)
 * from the project's virtualenv, in a child process on a free loopback port, with its data in a scratch folder
 * that is deleted afterwards.
 *
 * <p>The URI goes to {@code magpie.retrieval.milvus.uri}; a service that reads another key names it with the
 * init argument {@value #CONFIG_KEY_ARG}:
 * <pre>{@code @WithTestResource(value = MilvusTestResource.class,
 *         initArgs = @ResourceArg(name = "config-key", value = "magpie.fusion.milvus.uri"))}</pre>
 */
public class MilvusTestResource extends ChildServerResource {

    public static final String CONFIG_KEY_ARG = "config-key";
    public static final String DEFAULT_CONFIG_KEY = "magpie.retrieval.milvus.uri";

    /** Where the project installs milvus-lite (git-ignored, one virtualenv for all modules). */
    static final String LAUNCHER = ".magpie/milvus-venv/bin/milvus-lite";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private String configKey = DEFAULT_CONFIG_KEY;

    @Override
    public void init(Map<String, String> initArgs) {
        configKey = initArgs.getOrDefault(CONFIG_KEY_ARG, DEFAULT_CONFIG_KEY);
    }

    /** The milvus-lite launcher, or a failure that says how to install it. */
    static Path launcher() {
        Path root = MagpieRoot.dir();
        Path launcher = root.resolve(LAUNCHER);
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("milvus-lite is not installed: " + launcher + " is missing. Install it "
                    + "with infra/local/install-milvus.sh (Python >= 3.10) from " + root);
        }
        return launcher;
    }

    @Override
    public Map<String, String> start() {
        Path launcher = launcher();
        int port = FreePort.pick();
        Path scratch = scratch("milvus");
        List<String> command = List.of(
                launcher.toString(),
                "server",
                "--data-dir",
                scratch.resolve("data").toString(),
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port));
        // milvus-lite prints "MilvusLite gRPC server listening on HOST:PORT" once it accepts calls
        launch("milvus-lite", command, line -> line.contains("listening") && line.contains(":" + port), START_TIMEOUT);
        return Map.of(configKey, "http://127.0.0.1:" + port);
    }
}
