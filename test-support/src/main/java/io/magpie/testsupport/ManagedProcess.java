package io.magpie.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A server that a test resource runs as a child process: started, awaited until it prints a readiness line,
 * and stopped (with its descendants) when the tests are done. Its output goes to a log file for post-mortems.
 */
public final class ManagedProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} and waits until a line of its output satisfies {@code ready}.
     *
     * @throws IllegalStateException if the process exits or stays silent past {@code timeout}; the message
     *                               carries the end of its log
     */
    public static ManagedProcess start(
            String name, List<String> command, Path workDir, Predicate<String> ready, Duration timeout) {
        return start(name, command, Map.of(), workDir, ready, timeout);
    }

    /** As {@link #start(String, List, Path, Predicate, Duration)}, with {@code environment} added to this one's. */
    public static ManagedProcess start(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workDir,
            Predicate<String> ready,
            Duration timeout) {
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve(name + ".log");
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            ManagedProcess managed = new ManagedProcess(name, process, log);
            managed.awaitReadiness(ready, timeout);
            return managed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    private void awaitReadiness(Predicate<String> ready, Duration timeout) {
        CompletableFuture<Void> readiness = new CompletableFuture<>();
        Thread pump = new Thread(() -> pumpOutput(ready, readiness), name + "-output");
        pump.setDaemon(true);
        pump.start();
        try {
            readiness.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            close();
            throw new IllegalStateException(
                    name + " did not become ready within " + timeout + "; log " + log + ":\n" + tail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting " + name, e);
        }
    }

    private void pumpOutput(Predicate<String> ready, CompletableFuture<Void> readiness) {
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                writer.write(line);
                writer.newLine();
                writer.flush();
                if (!readiness.isDone() && ready.test(line)) {
                    readiness.complete(null);
                }
            }
        } catch (IOException e) {
            // The process went away; readiness below reports it.
        }
        readiness.completeExceptionally(new IllegalStateException(name + " exited with " + exitCode()));
    }

    private String exitCode() {
        return process.isAlive() ? "no exit yet" : String.valueOf(process.exitValue());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the process and its children with SIGKILL, as a crash or an operator's kill -9 would, and waits. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " still runs 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
