package io.magpie.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.eval.bench.BenchReport.Column;
import io.magpie.eval.bench.BenchReport.Table;
import io.magpie.eval.run.BenchEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    private static BenchEnvironment environment(double load) {
        return new BenchEnvironment(
                Map.of("cores", 2, "loadAverage1mAtStart", load, "loadAverage1mAtEnd", load),
                Map.of("gitCommit", "abc"),
                "2026-01-01T00:00:00Z");
    }

    @Test
    void writesMarkdownTablesAndTheSameFiguresUnroundedAsJson(@TempDir Path folder) throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("level", "a|b");
        row.put("p50", 12.3456);
        row.put("missing", null);
        BenchReport report = new BenchReport("demo", "Demo", "What it measures.", environment(0.5))
                .parameter("requests", 10)
                .parameter("unset", null)
                .data("queries", 100)
                .table(new Table(
                        "Results",
                        List.of(
                                new Column("level", "level", null),
                                new Column("p50", "p50 ms", "%.1f"),
                                new Column("missing", "other", "%.1f")),
                        List.of(row)))
                .note("A note.")
                .commandLine(
                        "bench-demo",
                        List.of("bench-demo", "--admin-key", "secret", "--name", "two words", "--admin-key=secret2"));

        List<Path> files = report.write(folder);

        String md = Files.readString(folder.resolve("demo.md"));
        assertTrue(md.contains("|level|p50 ms|other|\n|---|---:|---:|\n|a\\|b|12.3|–|"), md);
        assertTrue(md.contains("- A note."), md);
        assertTrue(md.contains("bench-demo --admin-key *** --name 'two words' --admin-key=***"), md);
        assertFalse(md.contains("secret"), md);
        assertFalse(md.contains("unset"), md);
        assertTrue(md.contains("| gitCommit | abc |"), md);
        assertFalse(md.contains("busy"), "load 0.5 on 2 cores is not busy");

        JsonNode json = new ObjectMapper().readTree(files.get(1).toFile());
        assertEquals(
                12.3456, json.path("results").path("Results").get(0).path("p50").asDouble());
        assertEquals(10, json.path("parameters").path("requests").asInt());
        assertFalse(json.path("command").asText().contains("secret"));
        assertEquals(2, json.path("machine").path("cores").asInt());
    }

    @Test
    void aBusyMachineIsNamedInTheNotes(@TempDir Path folder) throws Exception {
        BenchReport report = new BenchReport("busy", "Busy", "Summary.", environment(5.0));
        report.write(folder);
        assertTrue(Files.readString(folder.resolve("busy.md"))
                .contains("The machine was busy before this benchmark began"));
    }

    @Test
    void environmentNamesCoresJavaAndOs() {
        BenchEnvironment environment = BenchEnvironment.capture();
        assertEquals(
                Runtime.getRuntime().availableProcessors(),
                environment.machine().get("cores"));
        assertTrue(String.valueOf(environment.machine().get("java")).contains(System.getProperty("java.vm.name")));
        assertTrue(environment.machine().containsKey("os"));
        assertTrue(environment.versions().containsKey("magpieEval"));
        assertNull(new BenchEnvironment(Map.of("cores", 2), Map.of(), "t").busyWarning());
    }
}
