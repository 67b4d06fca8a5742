package io.magpie.eval.run;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where and when a benchmark ran: the machine (cores, memory, CPU, OS, load), the Java runtime, and the versions
 * (magpie-eval, the repository's commit). Figures mean little without it.
 */
public record BenchEnvironment(Map<String, Object> machine, Map<String, Object> versions, String startedAt) {

    public BenchEnvironment {
        machine = new LinkedHashMap<>(machine);
        versions = new LinkedHashMap<>(versions);
    }

    /** Facts about this machine and build, read now. Anything that cannot be read is left out. */
    public static BenchEnvironment capture() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        cpuModel().ifPresent(model -> machine.put("cpu", model));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            machine.put("memoryGiB", Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024) * 10) / 10.0);
        }
        machine.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                        + System.getProperty("os.arch") + ")");
        osRelease().ifPresent(name -> machine.put("distribution", name));
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (load >= 0) {
            machine.put("loadAverage1mAtStart", Math.round(load * 100) / 100.0);
        }
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));

        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("magpieEval", evalVersion().orElse("unknown"));
        gitCommit().ifPresent(commit -> versions.put("gitCommit", commit));
        return new BenchEnvironment(
                machine, versions, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** Adds the machine's load average now as the load at the end of the run, unless that is known already. */
    public void recordEnd() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (load >= 0) {
            machine.putIfAbsent("loadAverage1mAtEnd", Math.round(load * 100) / 100.0);
        }
    }

    /**
     * A warning when the machine was already busy before the benchmark began (1-minute load average at the start
     * above the number of cores), or null. The load at the end is not judged: it includes the benchmark's own load.
     */
    public String busyWarning() {
        Object cores = machine.get("cores");
        Object start = machine.get("loadAverage1mAtStart");
        if (!(cores instanceof Integer n) || !(start instanceof Double load) || load <= n) {
            return null;
        }
        return "The machine was busy before this benchmark began (1-minute load average " + load + " on " + n
                + " cores): other work competed for the CPU, so the figures are lower and noisier than on a quiet "
                + "machine.";
    }

    private static Optional<String> cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name", ':');
    }

    private static Optional<String> osRelease() {
        return firstValue(Path.of("/etc/os-release"), "PRETTY_NAME", '=').map(v -> v.replace("\"", ""));
    }

    private static Optional<String> firstValue(Path file, String key, char separator) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int at = line.indexOf(separator);
                if (at > 0 && line.substring(0, at).strip().equals(key)) {
                    return Optional.of(line.substring(at + 1).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: leave the fact out
        }
        return Optional.empty();
    }

    /** The version in the jar's Maven descriptor (absent when run from classes). */
    private static Optional<String> evalVersion() {
        try (InputStream in =
                BenchEnvironment.class.getResourceAsStream("/META-INF/maven/io.magpie/magpie-eval/pom.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("version"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The commit checked out in the working directory ({@code git rev-parse HEAD}, read-only), if any. */
    private static Optional<String> gitCommit() {
        try {
            Process git = new ProcessBuilder(List.of("git", "rev-parse", "HEAD"))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
                return Optional.of(out);
            }
            git.destroy();
        } catch (IOException e) {
            // no git here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
