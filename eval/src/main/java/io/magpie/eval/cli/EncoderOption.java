package io.magpie.eval.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** {@code --encoder}: where encoder-service listens. Shared by the commands as a mixin. */
public class EncoderOption {

    @Option(
            names = "--encoder",
            defaultValue = "http://127.0.0.1:8081",
            description = "encoder-service base URL (default: ${DEFAULT-VALUE}; benchmarks accept loopback only)")
    URI encoder;

    public URI uri() {
        return encoder;
    }
}
