package io.magpie.eval.bench;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Benchmarks load a server hard: they only ever talk to this machine. */
final class Loopback {

    private static final Set<String> HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private Loopback() {}

    static boolean isLoopback(URI uri) {
        return uri != null
                && uri.getHost() != null
                && "http".equals(uri.getScheme())
                && HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    /** @throws ParameterException naming the option when {@code uri} is not plain HTTP on this machine */
    static URI require(CommandSpec spec, String option, URI uri) {
        if (!isLoopback(uri)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "%s must be http://127.0.0.1:<port> (benchmarks only "
                            + "load this machine), not %s".formatted(option, uri));
        }
        return uri;
    }
}
