package io.magpie.eval.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** {@code --gateway}: where the gateway listens. Shared by the commands as a mixin. */
public class GatewayOption {

    @Option(
            names = "--gateway",
            defaultValue = "http://127.0.0.1:8080",
            description = "gateway base URL (default: ${DEFAULT-VALUE}; benchmarks accept loopback only)")
    URI gateway;

    public URI uri() {
        return gateway;
    }
}
