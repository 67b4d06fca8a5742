package io.magpie.fusion.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.magpie.fusion.config.FusionConfig;
import io.magpie.fusion.model.ActiveModelPointer;
import io.magpie.fusion.model.ModelDescriptor;
import io.magpie.fusion.model.StoredModelFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The model folder used before the registry moved to PostgreSQL ({@code magpie.fusion.models.dir}:
 * {@code <name>/<version>/descriptor.json} with the model's files, and {@code active.json}). Read once at start-up
 * so its versions and active pointer can be imported, then renamed aside: the registry is the only source of truth.
 */
@ApplicationScoped
public class LegacyModelFolder {

    private static final Logger LOG = Logger.getLogger(LegacyModelFolder.class);
    static final String DESCRIPTOR_FILE = "descriptor.json";
    static final String ACTIVE_FILE = "active.json";

    /** A version found in the folder. */
    public record Version(ModelDescriptor descriptor, List<StoredModelFile> files) {}

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    public LegacyModelFolder(FusionConfig config) {
        this.dir = Path.of(config.models().dir());
    }

    public boolean exists() {
        return Files.isDirectory(dir);
    }

    /** Every numbered version with a readable descriptor (others were never served: skipped, logged). */
    public List<Version> versions() {
        List<Version> versions = new ArrayList<>();
        try (DirectoryStream<Path> names = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path name : names) {
                try (DirectoryStream<Path> folders = Files.newDirectoryStream(name, Files::isDirectory)) {
                    for (Path folder : folders) {
                        read(folder).ifPresent(versions::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model folder " + dir, e);
        }
        return versions;
    }

    public Optional<ActiveModelPointer> active() {
        Path file = dir.resolve(ACTIVE_FILE);
        try {
            return Files.exists(file)
                    ? Optional.of(json.readValue(file.toFile(), ActiveModelPointer.class))
                    : Optional.empty();
        } catch (IOException e) {
            LOG.warnf("ignoring the unreadable %s: %s", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Renames the folder to {@code <dir>.imported} (or a numbered variant) so nobody mistakes it for live. */
    public Path retire() throws IOException {
        Path target = dir.resolveSibling(dir.getFileName() + ".imported");
        for (int n = 2; Files.exists(target); n++) {
            target = dir.resolveSibling(dir.getFileName() + ".imported-" + n);
        }
        return Files.move(dir, target);
    }

    private Optional<Version> read(Path folder) throws IOException {
        Path descriptorFile = folder.resolve(DESCRIPTOR_FILE);
        if (!folder.getFileName().toString().matches("[1-9][0-9]{0,8}") || !Files.exists(descriptorFile)) {
            return Optional.empty();
        }
        ModelDescriptor descriptor;
        try {
            descriptor = json.readValue(descriptorFile.toFile(), ModelDescriptor.class);
        } catch (IOException e) {
            LOG.warnf("not importing %s: unreadable descriptor (%s)", folder, e.getMessage());
            return Optional.empty();
        }
        List<StoredModelFile> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, Files::isRegularFile)) {
            for (Path file : entries) {
                if (!file.getFileName().toString().equals(DESCRIPTOR_FILE)) {
                    files.add(StoredModelFile.of(file.getFileName().toString(), Files.readAllBytes(file)));
                }
            }
        }
        return Optional.of(new Version(descriptor, files));
    }
}
