package io.magpie.encoder.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file on the shared model volume so that a reader on any replica sees the old or the new content,
 * never a torn file: written to a temporary file of its own in the same folder (so two writers do not mix), then
 * moved over the target in one rename.
 */
public final class AtomicFiles {

    /** Writes the content into the file it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    /** Every replica reads these files, whatever user it runs as; a temporary file starts readable by its owner only. */
    private static final Set<PosixFilePermission> SHARED = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {}

    public static void replace(Path target, Content content) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".tmp");
        try {
            content.writeTo(temporary);
            readableByAll(temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, SHARED);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own defaults apply
        }
    }
}
