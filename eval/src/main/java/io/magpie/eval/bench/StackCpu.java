package io.magpie.eval.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * CPU seconds spent so far by each process of the local stack, read from {@code /proc}: who spends the CPU while a
 * benchmark runs. The stack names its processes in {@code <runtime dir>/run/<name>.pid} (the pid first); a process
 * counts with its descendants (PostgreSQL serves each connection from a child process), and this JVM counts as
 * {@code magpie-eval}.
 */
final class StackCpu {

    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every common architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Path pidFolder;

    private StackCpu(Path pidFolder) {
        this.pidFolder = pidFolder;
    }

    /** The stack whose runtime folder is given, when it has pid files and this machine has {@code /proc}. */
    static Optional<StackCpu> of(Path runtimeDir) {
        if (runtimeDir == null
                || !Files.isDirectory(runtimeDir.resolve("run"))
                || !Files.isDirectory(Path.of("/proc/self"))) {
            return Optional.empty();
        }
        return Optional.of(new StackCpu(runtimeDir.resolve("run")));
    }

    /** CPU seconds so far, by process name (pid file name), sorted by name; this JVM as magpie-eval. */
    Map<String, Double> sample() {
        Map<Long, ProcessTimes> all = processes();
        Map<Long, List<Long>> children = new HashMap<>();
        all.forEach((pid, p) ->
                children.computeIfAbsent(p.parent(), k -> new ArrayList<>()).add(pid));
        Map<String, Double> seconds = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pidFolder, "*.pid")) {
            for (Path file : files) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                readPid(file)
                        .filter(all::containsKey)
                        .ifPresent(pid -> seconds.put(name, treeTicks(pid, all, children) / TICKS_PER_SECOND));
            }
        } catch (IOException e) {
            return seconds;
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            seconds.put("magpie-eval", os.getProcessCpuTime() / 1e9);
        }
        return seconds;
    }

    /** What each process spent between two samples; processes missing from either are left out. */
    static Map<String, Double> spent(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> spent = new LinkedHashMap<>();
        after.forEach((name, seconds) -> {
            Double earlier = before.get(name);
            if (earlier != null) {
                spent.put(name, seconds - earlier);
            }
        });
        return spent;
    }

    record ProcessTimes(long parent, long ticks) {}

    private static long treeTicks(long root, Map<Long, ProcessTimes> all, Map<Long, List<Long>> children) {
        long ticks = 0;
        Deque<Long> open = new ArrayDeque<>(List.of(root));
        while (!open.isEmpty()) {
            long pid = open.pop();
            ProcessTimes p = all.get(pid);
            if (p != null) {
                ticks += p.ticks();
            }
            open.addAll(children.getOrDefault(pid, List.of()));
        }
        return ticks;
    }

    private static Optional<Long> readPid(Path file) {
        try {
            String[] fields =
                    Files.readString(file, StandardCharsets.UTF_8).strip().split("\\s+");
            return Optional.of(Long.parseLong(fields[0]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every process's parent and user + system ticks, from {@code /proc/<pid>/stat}. */
    private static Map<Long, ProcessTimes> processes() {
        Map<Long, ProcessTimes> all = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                parseStat(entry)
                        .ifPresent(
                                p -> all.put(Long.parseLong(entry.getFileName().toString()), p));
            }
        } catch (IOException e) {
            return all;
        }
        return all;
    }

    private static Optional<ProcessTimes> parseStat(Path processFolder) {
        try {
            return parseStatLine(Files.readString(processFolder.resolve("stat"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // ended meanwhile
        }
    }

    /** The command name (field 2) may hold spaces and parentheses: the fields after it start at the last ')'. */
    static Optional<ProcessTimes> parseStatLine(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
        // after[0] is field 3 (state): ppid is field 4, utime 14, stime 15
        long parent = Long.parseLong(after[1]);
        long ticks = Long.parseLong(after[11]) + Long.parseLong(after[12]);
        return Optional.of(new ProcessTimes(parent, ticks));
    }
}
