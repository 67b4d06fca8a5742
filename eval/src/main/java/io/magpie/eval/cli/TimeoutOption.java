package io.magpie.eval.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --timeout}: seconds one request may take before it fails (a benchmark counts it as failed). Shared by the
 * commands as a mixin; each command gives its own default: {@code @Mixin TimeoutOption timeout = new
 * TimeoutOption(30);}
 */
public class TimeoutOption {

    @Option(names = "--timeout", description = "seconds allowed to one request (default: ${DEFAULT-VALUE})")
    double seconds;

    public TimeoutOption(double defaultSeconds) {
        this.seconds = defaultSeconds;
    }

    public double seconds() {
        return seconds;
    }

    public Duration duration() {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
