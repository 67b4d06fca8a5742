package io.magpie.devservers;

import java.util.concurrent.CountDownLatch;

/**
 * How a launcher lives: it stops its server on SIGTERM / Ctrl-C (a shutdown hook), announces readiness with one
 * line that scripts and test resources wait for, and blocks until stopped.
 */
final class Lifetime {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final String launcher;

    private Lifetime(String launcher) {
        this.launcher = launcher;
    }

    /** From now on, the JVM's exit stops {@code server}. */
    static Lifetime stopOnExit(String launcher, AutoCloseable server) {
        Lifetime lifetime = new Lifetime(launcher);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                server.close();
                            } catch (Exception e) {
                                System.err.println(launcher + ": stopping failed: " + e.getMessage());
                            } finally {
                                lifetime.stopped.countDown();
                            }
                        },
                        launcher + "-shutdown"));
        return lifetime;
    }

    /** Reports a failed start and exits with status 1 (the shutdown hook stops whatever did start). */
    static void fail(String launcher, String message, Throwable cause) {
        System.err.println(launcher + ": " + message + ": " + LaunchOptions.rootCause(cause));
        cause.printStackTrace();
        System.exit(1);
    }

    /** Prints the readiness line and waits until the JVM is asked to exit. */
    void announceReadyAndAwaitStop(String readyLine) throws InterruptedException {
        ParentWatch.exitWithParentIfAsked(launcher);
        System.out.println(readyLine);
        System.out.flush();
        stopped.await();
    }
}
