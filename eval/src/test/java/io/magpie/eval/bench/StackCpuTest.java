package io.magpie.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackCpuTest {

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        StackCpu.ProcessTimes times = StackCpu.parseStatLine(
                        "4242 (my (odd) name) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 9 0")
                .orElseThrow();
        assertEquals(17, times.parent());
        assertEquals(300, times.ticks());
    }

    @Test
    void aProcessNamedByAPidFileIsSampledAndItsSpendingIsTheDifference(@TempDir Path runtime) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc");
        assertTrue(StackCpu.of(runtime).isEmpty(), "no run folder: no stack");
        Files.createDirectories(runtime.resolve("run"));
        Files.writeString(
                runtime.resolve("run/this-jvm.pid"), ProcessHandle.current().pid() + " 123\n");
        Files.writeString(runtime.resolve("run/gone.pid"), "999999999 1\n");
        StackCpu cpu = StackCpu.of(runtime).orElseThrow();

        Map<String, Double> before = cpu.sample();
        // work until this thread has spent 100 ms of CPU, however long that takes on a busy machine
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 100_000_000L;
        double sink = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            sink += Math.sqrt(sink + 1);
        }
        Map<String, Double> spent = StackCpu.spent(before, cpu.sample());

        assertTrue(sink > 0);
        assertFalse(spent.containsKey("gone"), "a process that is not running is left out");
        assertTrue(spent.get("this-jvm") >= 0.05, spent.toString());
        assertTrue(spent.get("magpie-eval") >= 0.1, spent.toString());
    }
}
