package io.magpie.encoder.model;

import io.magpie.encoder.model.hf.HfModelFolder;
import io.magpie.encoder.model.hf.ModelDescriptor;
import io.magpie.encoder.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The model versions this service can load: the built-in ones and the folders {@code <root>/<name>/<version>/}
 * that hold a {@code magpie-model.json}. Read afresh on every call, so a version written by another process
 * (the fine-tuning job) is found without telling anyone. The version last activated is remembered in
 * {@code <root>/<name>/ACTIVE}.
 */
public final class ModelDirectory {

    private static final Logger LOG = Logger.getLogger(ModelDirectory.class);
    private static final String ACTIVE_MARKER = "ACTIVE";
    private static final List<ModelSpec> BUILT_IN = ModelSpec.BUILT_IN;

    private final Optional<Path> root;

    public ModelDirectory(Optional<Path> root) {
        this.root = root;
    }

    /** One loadable version: a built-in model or a folder. */
    public record ModelVersion(ModelDescriptor descriptor, Optional<ModelSpec> builtIn, Optional<Path> folder) {

        public String key() {
            return descriptor.ref().toString();
        }

        public SentenceEncoder load(ai.djl.engine.Engine engine, ai.djl.Device device, DenseKernel kernel)
                throws IOException {
            if (builtIn.isPresent()) {
                return SentenceEncoder.load(engine, device, kernel, builtIn.get()::read);
            }
            Path dir = folder.orElseThrow();
            return SentenceEncoder.load(
                    engine, device, kernel, manager -> HfModelFolder.read(dir, manager, descriptor));
        }

        /** The vector dimension as the folder's config.json says, without loading the weights. */
        public Optional<Integer> configuredDimension() {
            return folder.flatMap(dir -> {
                try {
                    return Optional.of(HfModelFolder.readConfig(dir).hiddenSize());
                } catch (IOException e) {
                    return Optional.empty();
                }
            });
        }
    }

    /** Every model name, sorted. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        BUILT_IN.forEach(spec -> names.add(spec.name()));
        root.filter(Files::isDirectory).ifPresent(dir -> {
            try (Stream<Path> children = Files.list(dir)) {
                children.filter(Files::isDirectory)
                        .map(p -> p.getFileName().toString())
                        .filter(ModelDirectory::plainName)
                        .forEach(names::add);
            } catch (IOException e) {
                LOG.warnf("cannot list the model directory %s: %s", dir, e.getMessage());
            }
        });
        return List.copyOf(names);
    }

    /** The versions of {@code name}, oldest first (built-in first, then by creation time and version). */
    public List<ModelVersion> versions(String name) {
        List<ModelVersion> versions = new ArrayList<>();
        BUILT_IN.stream()
                .filter(spec -> spec.name().equals(name))
                .forEach(
                        spec -> versions.add(new ModelVersion(spec.descriptor(), Optional.of(spec), Optional.empty())));
        Optional<Path> modelDir = root.map(dir -> dir.resolve(name)).filter(Files::isDirectory);
        if (modelDir.isPresent() && plainName(name)) {
            List<ModelVersion> folders = new ArrayList<>();
            try (Stream<Path> children = Files.list(modelDir.get())) {
                for (Path dir : children.filter(Files::isDirectory).toList()) {
                    readVersion(name, dir).ifPresent(folders::add);
                }
            } catch (IOException e) {
                LOG.warnf("cannot list %s: %s", modelDir.get(), e.getMessage());
            }
            folders.sort(Comparator.comparing(
                            (ModelVersion v) -> v.descriptor().createdAt(),
                            Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(v -> v.descriptor().version(), ModelDirectory::compareVersions));
            // A folder may not shadow a built-in version: that would change vectors under the same name@version.
            folders.removeIf(f -> versions.stream().anyMatch(b -> b.key().equals(f.key())));
            versions.addAll(folders);
        }
        return versions;
    }

    public Optional<ModelVersion> find(String name, String version) {
        return versions(name).stream()
                .filter(v -> v.descriptor().version().equals(version))
                .findFirst();
    }

    /**
     * The version a name means when no version is given: the one last activated, else the built-in one, else
     * the newest.
     */
    public Optional<ModelVersion> defaultVersion(String name) {
        List<ModelVersion> versions = versions(name);
        Optional<ModelVersion> marked = activeMarker(name)
                .flatMap(version -> versions.stream()
                        .filter(v -> v.descriptor().version().equals(version))
                        .findFirst());
        if (marked.isPresent()) {
            return marked;
        }
        return versions.stream()
                .filter(v -> v.builtIn().isPresent())
                .findFirst()
                .or(() -> versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1)));
    }

    /**
     * Records the version {@code name} serves, for every replica and across restarts (when there is a model
     * directory). Written to a file of its own and moved over the marker, so a reader sees the old or the new
     * version, never a torn file, and two replicas writing at once do not mix their files.
     */
    public void markActive(String name, String version) throws IOException {
        if (root.isEmpty()) {
            return;
        }
        Path dir = root.get().resolve(name);
        Files.createDirectories(dir);
        AtomicFiles.replace(
                dir.resolve(ACTIVE_MARKER), file -> Files.writeString(file, version + "\n", StandardCharsets.UTF_8));
    }

    /** The version the marker names for {@code name}: the shared truth of what every replica serves. */
    public Optional<String> markedActive(String name) throws IOException {
        Optional<Path> marker =
                root.map(dir -> dir.resolve(name).resolve(ACTIVE_MARKER)).filter(Files::isRegularFile);
        if (marker.isEmpty()) {
            return Optional.empty();
        }
        String version = Files.readString(marker.get(), StandardCharsets.UTF_8).trim();
        return version.isEmpty() ? Optional.empty() : Optional.of(version);
    }

    private Optional<String> activeMarker(String name) {
        try {
            return markedActive(name);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<ModelVersion> readVersion(String name, Path dir) {
        String version = dir.getFileName().toString();
        if (!plainName(version) || !HfModelFolder.isComplete(dir)) {
            return Optional.empty(); // being written (a temporary name) or not a model version
        }
        try {
            ModelDescriptor descriptor = HfModelFolder.readDescriptor(dir);
            if (!descriptor.name().equals(name) || !descriptor.version().equals(version)) {
                LOG.warnf("skipping %s: its descriptor says %s@%s", dir, descriptor.name(), descriptor.version());
                return Optional.empty();
            }
            return Optional.of(new ModelVersion(descriptor, Optional.empty(), Optional.of(dir)));
        } catch (IOException e) {
            LOG.warnf("skipping %s: %s", dir, e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean plainName(String name) {
        return name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    }

    /** "2" before "10" when both are numbers; otherwise as text. */
    static int compareVersions(String a, String b) {
        if (a.matches("\\d{1,18}") && b.matches("\\d{1,18}")) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareTo(b);
    }
}
