package io.magpie.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The shared option mixins keep every command's option names and defaults as they were before them. */
class SharedOptionsTest {

    private static final String GATEWAY = "http://127.0.0.1:8080";
    private static final String ENCODER = "http://127.0.0.1:8081";

    /** Command to option to the value it has when not given (the defaults before the mixins). */
    private static final Map<String, Map<String, Object>> DEFAULTS = new TreeMap<>(Map.of(
            "ingest", Map.of("--gateway", GATEWAY),
            "esci-check", Map.of("--gateway", GATEWAY),
            "search-eval", Map.of("--gateway", GATEWAY, "--out", "docs/eval", "--name", "search-esci"),
            "bench-search",
                    Map.of("--gateway", GATEWAY, "--out", "docs/benchmarks", "--name", "search", "--timeout", 30.0),
            "bench-encoder",
                    Map.of("--encoder", ENCODER, "--out", "docs/benchmarks", "--name", "encoder", "--timeout", 120.0),
            "bench-ingest",
                    Map.of("--gateway", GATEWAY, "--out", "docs/benchmarks", "--name", "ingest", "--timeout", 600.0),
            "bench-kg", Map.of("--out", "docs/benchmarks", "--name", "kg"),
            "rec-eval", Map.of("--gateway", GATEWAY, "--out", "docs/eval"),
            "fine-tune", Map.of("--encoder", ENCODER),
            "finetune-eval", Map.of("--encoder", ENCODER, "--out", "docs/eval", "--name", "finetune-esci")));

    private final CommandLine magpieEval = new CommandLine(new MagpieEval());

    @Test
    void everyCommandKeepsItsDefaults() {
        DEFAULTS.forEach((command, options) -> {
            CommandLine root = new CommandLine(new MagpieEval());
            // ingest's only required option
            root.parseArgs(
                    command.equals("ingest")
                            ? new String[] {command, "--file", "products.jsonl"}
                            : new String[] {command});
            CommandLine commandLine = root.getSubcommands().get(command);
            options.forEach((name, expected) -> {
                OptionSpec option = commandLine.getCommandSpec().findOption(name);
                assertNotNull(option, command + " " + name);
                Object value = option.getValue();
                assertEquals(expected, value instanceof Number ? value : String.valueOf(value), command + " " + name);
            });
        });
    }

    @Test
    void theDefaultsShowInTheHelp() {
        assertEquals(
                "folder for the reports (default: docs/benchmarks)",
                String.join(" ", option("bench-ingest", "--out").description()));
        assertEquals(
                "report file name, without extension (default: search-esci)",
                String.join(" ", option("search-eval", "--name").description()));
        assertEquals(
                "seconds allowed to one request (default: 600.0)",
                String.join(" ", option("bench-ingest", "--timeout").description()));
    }

    @Test
    void recEvalNamesItsReportAfterTheSplitUnlessToldAndSaysSo() {
        OptionSpec name = option("rec-eval", "--name");

        assertNull(name.getValue());
        assertEquals(
                "report file name, without extension (default: rec-scientific with --final, "
                        + "rec-scientific-valid without)",
                String.join(" ", name.description()));
        assertEquals(
                "report file name, without extension (default: kg)",
                String.join(" ", option("bench-kg", "--name").description()),
                "other commands keep the mixin's");
    }

    @Test
    void commandsWithoutAnOptionDoNotGainIt() {
        assertNull(option("bench-kg", "--timeout"));
        assertNull(option("fine-tune", "--gateway"));
        assertNull(option("esci-check", "--out"));
    }

    private OptionSpec option(String command, String name) {
        return magpieEval.getSubcommands().get(command).getCommandSpec().findOption(name);
    }
}
