package io.magpie.eval.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --out} and {@code --name}: where a command writes its report files ({@code <out>/<name>.md}, {@code .json},
 * ...). Shared by the commands as a mixin; each command gives its own defaults when it creates it:
 * {@code @Mixin ReportOptions report = new ReportOptions("docs/eval", "search-esci");}
 */
public class ReportOptions {

    @Option(names = "--out", description = "folder for the reports (default: ${DEFAULT-VALUE})")
    Path out;

    // a command whose default name depends on other options overrides this description with the key, in its
    // resource bundle
    @Option(
            names = "--name",
            descriptionKey = "report.name",
            description = "report file name, without extension (default: ${DEFAULT-VALUE})")
    String name;

    /**
     * @param folder default of {@code --out}
     * @param name   default of {@code --name}; null where the command picks one from its other options
     */
    public ReportOptions(String folder, String name) {
        this.out = Path.of(folder);
        this.name = name;
    }

    public Path folder() {
        return out;
    }

    /** The report's file name without extension; null when neither the user nor the command's default gave one. */
    public String name() {
        return name;
    }
}
