package io.magpie.eval.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The service credential the eval tools send to internal services they call directly (encoder, kg, fusion
 * benchmarks): {@code $MAGPIE_SERVICE_CREDENTIAL}, else the local stack's file
 * {@code $MAGPIE_RUNTIME_DIR/service-credential} (default runtime folder {@code .magpie/stack}). None when neither
 * exists: a service started without one answers anyway in dev and test.
 */
public final class StackServiceCredential {

    private StackServiceCredential() {}

    public static Optional<String> find() {
        String fromEnvironment = System.getenv("MAGPIE_SERVICE_CREDENTIAL");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(fromEnvironment.strip());
        }
        String runtime = System.getenv().getOrDefault("MAGPIE_RUNTIME_DIR", ".magpie/stack");
        Path file = Path.of(runtime.isBlank() ? ".magpie/stack" : runtime, "service-credential");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    .filter(s -> !s.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service credential in " + file, e);
        }
    }
}
