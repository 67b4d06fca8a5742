package io.magpie.eval.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.magpie.eval.run.BenchEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A benchmark's outcome as {@code <name>.md} (for people) and {@code <name>.json} (the same figures, unrounded, for
 * tools): what was measured, the result tables, notes, the run's parameters and command line, the data, the
 * machine and the versions.
 */
public final class BenchReport {

    /**
     * A column of a result table.
     *
     * @param key    the row's key, also the JSON field
     * @param header the Markdown header
     * @param format a {@link String#format} pattern for numbers, or null to print the value as it is
     */
    public record Column(String key, String header, String format) {

        String render(Object value) {
            if (value == null) {
                return "–";
            }
            if (format != null && value instanceof Number) {
                return String.format(Locale.ROOT, format, value);
            }
            if (value instanceof Map<?, ?> map) {
                return map.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "))
                        .replace("|", "\\|");
            }
            return String.valueOf(value).replace("|", "\\|");
        }
    }

    /** A result table; each row maps column keys to values (numbers unrounded). */
    public record Table(String title, List<Column> columns, List<Map<String, Object>> rows) {}

    private static final List<String> SECRET_OPTIONS = List.of("--admin-key");

    private final String name;
    private final String title;
    private final String summary;
    private final BenchEnvironment environment;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Object> data = new LinkedHashMap<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String commandLine;

    /**
     * @param name    file name without extension, e.g. "search"
     * @param title   the Markdown title
     * @param summary one paragraph: what was measured and how
     */
    public BenchReport(String name, String title, String summary, BenchEnvironment environment) {
        this.name = name;
        this.title = title;
        this.summary = summary;
        this.environment = environment;
    }

    /** A run parameter; a null value is left out. */
    public BenchReport parameter(String key, Object value) {
        if (value != null) {
            parameters.put(key, value);
        }
        return this;
    }

    /** A fact about the data; a null value is left out. */
    public BenchReport data(String key, Object value) {
        if (value != null) {
            data.put(key, value);
        }
        return this;
    }

    public BenchReport table(Table table) {
        tables.add(table);
        return this;
    }

    public BenchReport note(String note) {
        notes.add(note);
        return this;
    }

    /**
     * The command's arguments, as given (with or without the subcommand's name first); the values of secret options
     * (the admin key) are masked.
     */
    public BenchReport commandLine(String command, List<String> args) {
        List<String> shown = new ArrayList<>();
        shown.add(command);
        int first = args.indexOf(command) + 1;
        boolean maskNext = false;
        for (String arg : args.subList(first, args.size())) {
            if (maskNext) {
                shown.add("***");
                maskNext = false;
            } else if (SECRET_OPTIONS.contains(arg)) {
                shown.add(arg);
                maskNext = true;
            } else if (SECRET_OPTIONS.stream().anyMatch(o -> arg.startsWith(o + "="))) {
                shown.add(arg.substring(0, arg.indexOf('=') + 1) + "***");
            } else {
                shown.add(arg.contains(" ") ? "'" + arg + "'" : arg);
            }
        }
        this.commandLine = String.join(" ", shown);
        return this;
    }

    public List<Table> tables() {
        return List.copyOf(tables);
    }

    /** Writes {@code <name>.md} and {@code <name>.json} into {@code folder} (created if needed). */
    public List<Path> write(Path folder) throws IOException {
        environment.recordEnd();
        String busy = environment.busyWarning();
        if (busy != null) {
            notes.add(busy);
        }
        Files.createDirectories(folder);
        Path md = folder.resolve(name + ".md");
        Path json = folder.resolve(name + ".json");
        Files.writeString(md, markdown(), StandardCharsets.UTF_8);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), json());
        return List.of(md, json);
    }

    /** The JSON document: everything in the Markdown, numbers unrounded. */
    public Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", name);
        root.put("title", title);
        root.put("startedAt", environment.startedAt());
        root.put("summary", summary);
        root.put("command", commandLine);
        root.put("parameters", parameters);
        root.put("data", data);
        root.put("machine", environment.machine());
        root.put("versions", environment.versions());
        Map<String, Object> results = new LinkedHashMap<>();
        for (Table table : tables) {
            results.put(table.title(), table.rows());
        }
        root.put("results", results);
        root.put("notes", notes);
        return root;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n").append(summary).append("\n\n");
        md.append("Run ")
                .append(environment.startedAt())
                .append(" on ")
                .append(environment.machine().get("cores"))
                .append(" cores");
        Object memory = environment.machine().get("memoryGiB");
        if (memory != null) {
            md.append(", ").append(memory).append(" GiB");
        }
        Object load = environment.machine().get("loadAverage1mAtStart");
        if (load != null) {
            md.append(", 1-minute load average ").append(load).append(" at the start");
        }
        md.append(". Figures from one run on a shared development machine: read them as an order of magnitude "
                + "and for comparisons within the run, not as a capacity plan.\n\n");
        for (Table table : tables) {
            md.append("## ").append(table.title()).append("\n\n");
            appendTable(md, table);
            md.append('\n');
        }
        if (!notes.isEmpty()) {
            md.append("## Notes\n\n");
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
            md.append('\n');
        }
        if (commandLine != null) {
            md.append("## Command\n\n```\njava -jar eval/target/magpie-eval.jar ")
                    .append(commandLine)
                    .append("\n```\n\n");
        }
        appendFacts(md, "Parameters", parameters);
        appendFacts(md, "Data", data);
        appendFacts(md, "Machine", environment.machine());
        appendFacts(md, "Versions", environment.versions());
        md.append("The same figures, unrounded: `").append(name).append(".json`.\n");
        return md.toString();
    }

    private static void appendTable(StringBuilder md, Table table) {
        md.append('|')
                .append(table.columns().stream().map(Column::header).collect(Collectors.joining("|")))
                .append("|\n|");
        md.append(table.columns().stream()
                        .map(c -> c.format() == null ? "---" : "---:")
                        .collect(Collectors.joining("|")))
                .append("|\n");
        for (Map<String, Object> row : table.rows()) {
            md.append('|')
                    .append(table.columns().stream()
                            .map(c -> c.render(row.get(c.key())))
                            .collect(Collectors.joining("|")))
                    .append("|\n");
        }
    }

    private static void appendFacts(StringBuilder md, String heading, Map<String, Object> facts) {
        if (facts.isEmpty()) {
            return;
        }
        md.append("## ").append(heading).append("\n\n| | |\n|---|---|\n");
        facts.forEach((key, value) -> md.append("| ")
                .append(key)
                .append(" | ")
                .append(String.valueOf(value).replace("|", "\\|"))
                .append(" |\n"));
        md.append('\n');
    }
}
