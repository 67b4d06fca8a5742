package io.magpie.encoder.training;

import io.magpie.encoder.model.BertCheckpoint;
import io.magpie.encoder.model.hf.HfModelFolder;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes model folders so that no reader sees half of one: a new version is written under a hidden name
 * ({@code .<version>.incomplete}) next to where it belongs and renamed in one step when complete.
 */
public final class VersionPublisher {

    private VersionPublisher() {}

    /**
     * Publishes {@code checkpoint} as {@code <modelDir>/<name>/<version>/}.
     *
     * @throws FileAlreadyExistsException when that version exists
     */
    public static Path publish(Path modelDir, BertCheckpoint checkpoint) throws IOException {
        Path nameDir = modelDir.resolve(checkpoint.descriptor().name());
        Path target = nameDir.resolve(checkpoint.descriptor().version());
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Files.createDirectories(nameDir);
        Path staging = nameDir.resolve("." + checkpoint.descriptor().version() + ".incomplete");
        deleteRecursively(staging);
        try {
            HfModelFolder.write(staging, checkpoint);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException | RuntimeException e) {
            deleteRecursively(staging);
            throw e;
        }
    }

    /** Writes a checkpoint folder (replacing one of the same name). */
    public static Path writeCheckpoint(Path dir, BertCheckpoint checkpoint) throws IOException {
        deleteRecursively(dir);
        HfModelFolder.write(dir, checkpoint);
        return dir;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
