package io.magpie.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths inside the repository that test resources need: launchers, the Milvus virtualenv, scratch space. */
public final class MagpieRoot {

    private MagpieRoot() {}

    /** The repository root, from the {@code magpie.root} system property that the build sets. */
    public static Path dir() {
        String root = System.getProperty("magpie.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property magpie.root is not set; run the tests through Maven");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** A fresh scratch folder under {@code .magpie/test-runs/}, which is git-ignored. */
    public static Path scratch(String name) {
        try {
            Path runs = dir().resolve(".magpie/test-runs");
            Files.createDirectories(runs);
            return Files.createTempDirectory(runs, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
