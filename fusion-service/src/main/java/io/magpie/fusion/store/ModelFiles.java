package io.magpie.fusion.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.magpie.api.model.ModelRef;
import io.magpie.fusion.config.FusionConfig;
import io.magpie.fusion.model.ActiveModelPointer;
import io.magpie.fusion.model.ModelDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Learned-ranker versions on disk: {@code <dir>/<name>/<version>/} holds {@value #DESCRIPTOR_FILE} and the model's
 * own files (trees: {@value #MODEL_FILE}; attention: its parameter and descriptor files); {@code <dir>/active.json}
 * says which is active. A version is written in a hidden
 * folder and renamed into place, so a reader never sees half of one; versions are never overwritten.
 */
@ApplicationScoped
public class ModelFiles {

    static final String MODEL_FILE = "model.ubj";
    static final String DESCRIPTOR_FILE = "descriptor.json";
    static final String ACTIVE_FILE = "active.json";

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public ModelFiles(FusionConfig config) {
        this.dir = Path.of(config.models().dir());
    }

    /** Every stored version, newest first. */
    public List<ModelDescriptor> list() {
        List<ModelDescriptor> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (DirectoryStream<Path> names = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path name : names) {
                try (DirectoryStream<Path> versions = Files.newDirectoryStream(
                        name,
                        p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."))) {
                    for (Path version : versions) {
                        readDescriptor(version).ifPresent(all::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list models in " + dir, e);
        }
        all.sort(Comparator.comparing(ModelDescriptor::createdAt).reversed());
        return all;
    }

    public Optional<ModelDescriptor> descriptor(ModelRef ref) {
        return readDescriptor(folder(ref));
    }

    public byte[] modelBytes(ModelRef ref) {
        try {
            return Files.readAllBytes(folder(ref).resolve(MODEL_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model file of " + ref, e);
        }
    }

    /** The folder of a version, for model kinds that read their own files. */
    public Path versionFolder(ModelRef ref) {
        return folder(ref);
    }

    /** Stores a new version numbered one above the highest of its name; answers the descriptor as stored. */
    public ModelDescriptor saveNewVersion(ModelDescriptor unnumbered, byte[] model) {
        return saveNewVersion(unnumbered, staging -> Files.write(staging.resolve(MODEL_FILE), model));
    }

    /** Writes a model's own files into a folder that becomes the version. */
    @FunctionalInterface
    public interface ModelWriter {
        void writeInto(Path folder) throws IOException;
    }

    /**
     * Stores a new version whose model files the writer puts in the (still hidden) folder, numbered one above the
     * highest of its name; answers the descriptor as stored.
     */
    public synchronized ModelDescriptor saveNewVersion(ModelDescriptor unnumbered, ModelWriter model) {
        Path nameDir = dir.resolve(unnumbered.name());
        try {
            Files.createDirectories(nameDir);
            Path staging = nameDir.resolve(".staging-" + UUID.randomUUID());
            Files.createDirectories(staging);
            model.writeInto(staging);
            for (int attempt = 0; attempt < 100; attempt++) {
                ModelDescriptor numbered = new ModelDescriptor(
                        unnumbered.name(),
                        String.valueOf(highestVersion(nameDir) + 1),
                        unnumbered.kind(),
                        unnumbered.schema(),
                        unnumbered.createdAt(),
                        unnumbered.parameters(),
                        unnumbered.metrics(),
                        unnumbered.note());
                json.writeValue(staging.resolve(DESCRIPTOR_FILE).toFile(), numbered);
                try {
                    Files.move(staging, nameDir.resolve(numbered.version()), StandardCopyOption.ATOMIC_MOVE);
                    return numbered;
                } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException taken) {
                    // another replica stored the same number first: take the next one
                }
            }
            throw new IllegalStateException("could not number a new version of " + unnumbered.name());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a model in " + nameDir, e);
        }
    }

    public Optional<ActiveModelPointer> readActive() {
        Path file = dir.resolve(ACTIVE_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), ActiveModelPointer.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** When the active pointer last changed; null when there is none. */
    public FileTime activeChangedAt() {
        try {
            Path file = dir.resolve(ACTIVE_FILE);
            return Files.exists(file) ? Files.getLastModifiedTime(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Replaces the pointer in one rename, so readers see the old or the new one. */
    public void writeActive(ActiveModelPointer pointer) {
        try {
            Files.createDirectories(dir);
            Path staging = dir.resolve("." + ACTIVE_FILE + "-" + UUID.randomUUID());
            json.writeValue(staging.toFile(), pointer);
            try {
                Files.move(
                        staging,
                        dir.resolve(ACTIVE_FILE),
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, dir.resolve(ACTIVE_FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the active model pointer in " + dir, e);
        }
    }

    private Path folder(ModelRef ref) {
        return dir.resolve(ref.name()).resolve(ref.version());
    }

    private Optional<ModelDescriptor> readDescriptor(Path version) {
        Path file = version.resolve(DESCRIPTOR_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), ModelDescriptor.class));
        } catch (IOException e) {
            return Optional.empty(); // an unreadable descriptor is not a version
        }
    }

    private static int highestVersion(Path nameDir) throws IOException {
        int highest = 0;
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(nameDir, Files::isDirectory)) {
            for (Path version : versions) {
                try {
                    highest = Math.max(
                            highest, Integer.parseInt(version.getFileName().toString()));
                } catch (NumberFormatException notNumbered) {
                    // staging folders and hand-named versions do not count
                }
            }
        }
        return highest;
    }
}
