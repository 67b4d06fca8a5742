package io.magpie.devservers;

import java.nio.file.Path;

/**
 * The command line every launcher takes: {@code --port N --data-dir DIR}. Both are required, so a script never
 * starts a server on a port or in a folder that it did not choose.
 *
 * @param port    the loopback TCP port to listen on
 * @param dataDir where the server keeps its data, created when missing and kept across restarts
 */
record LaunchOptions(int port, Path dataDir) {

    /** Parses the arguments, or prints the usage and exits with status 2 when they are wrong. */
    static LaunchOptions parse(String launcher, String[] args) {
        try {
            return parseOrThrow(args);
        } catch (IllegalArgumentException e) {
            System.err.println(launcher + ": " + e.getMessage());
            System.err.println("usage: java -cp magpie-dev-servers.jar io.magpie.devservers." + launcher
                    + " --port PORT --data-dir DIR");
            System.exit(2);
            throw e; // not reached
        }
    }

    /** "Error starting Neo4j" says little; the innermost cause says "Address already in use". */
    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + root + ")";
    }

    static LaunchOptions parseOrThrow(String[] args) {
        Integer port = null;
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException("starts a development server on 127.0.0.1");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--port" -> port = port(value);
                case "--data-dir" -> dataDir = Path.of(value).toAbsolutePath().normalize();
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (port == null) {
            throw new IllegalArgumentException("--port is required");
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        return new LaunchOptions(port, dataDir);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--port must be between 1 and 65535, got " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, got '" + value + "'");
        }
    }
}
