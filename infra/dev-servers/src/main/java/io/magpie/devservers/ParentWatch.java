package io.magpie.devservers;

/**
 * Opt-in ({@code -Dmagpie.devservers.exit-with-parent=true}): stops the server when the process that started it
 * goes away, so a test JVM that is killed does not leave a database running. Off by default, because the local
 * stack's scripts start servers in the background and exit.
 */
final class ParentWatch {

    static final String PROPERTY = "magpie.devservers.exit-with-parent";

    private ParentWatch() {}

    /** Exits (running the shutdown hooks) once the parent process ends, when the property asks for it. */
    static void exitWithParentIfAsked(String launcher) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        ProcessHandle.current()
                .parent()
                .ifPresent(parent -> parent.onExit().thenRun(() -> {
                    System.err.println(launcher + ": parent process " + parent.pid() + " ended; shutting down");
                    System.exit(0);
                }));
    }
}
