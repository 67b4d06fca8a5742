package io.magpie.eval.cli;

import io.magpie.eval.metrics.Bootstrap;
import picocli.CommandLine.Option;

/** {@code --resamples} and {@code --seed} of the bootstrap intervals. Shared by the commands as a mixin. */
public class BootstrapOptions {

    @Option(
            names = "--resamples",
            defaultValue = "" + Bootstrap.DEFAULT_RESAMPLES,
            description = "bootstrap resamples (default: ${DEFAULT-VALUE})")
    int resamples;

    @Option(
            names = "--seed",
            defaultValue = "" + Bootstrap.DEFAULT_SEED,
            description = "bootstrap seed (default: ${DEFAULT-VALUE})")
    long seed;

    public int resamples() {
        return resamples;
    }

    public long seed() {
        return seed;
    }

    /** Intervals at the default confidence (95%). */
    public Bootstrap bootstrap() {
        return new Bootstrap(resamples, seed, Bootstrap.DEFAULT_CONFIDENCE);
    }
}
