package io.magpie.encoder.training;

import ai.djl.ndarray.NDManager;
import io.magpie.api.model.ModelRef;
import io.magpie.api.problem.ProblemException;
import io.magpie.encoder.config.EncoderConfig;
import io.magpie.encoder.model.BertCheckpoint;
import io.magpie.encoder.model.ModelDirectory;
import io.magpie.encoder.model.hf.HfModelFolder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The model versions a job starts from and the folder it writes to: the encoder's own {@link ModelDirectory}
 * ({@code magpie.encoder.model-dir}), so a new version is where the service looks for versions.
 */
@ApplicationScoped
public class BaseModels {

    private final Optional<Path> root;
    private final ModelDirectory directory;

    @Inject
    public BaseModels(EncoderConfig config) {
        this(config.modelDir());
    }

    BaseModels(Optional<Path> root) {
        this.root = root;
        this.directory = new ModelDirectory(root);
    }

    /** Where new versions go; a 409 problem when the service has no model directory to write to. */
    public Path modelDir() {
        return root.orElseThrow(() -> new ProblemException(
                409,
                "No model directory",
                "fine-tuning writes a new model version, but this service has no magpie.encoder.model-dir"));
    }

    /** An existing version: {@code name@version}, or a name alone for its active version. */
    public Optional<ModelRef> find(ModelRef ref) {
        Optional<ModelDirectory.ModelVersion> version = ref.version() == null
                ? directory.defaultVersion(ref.name())
                : directory.find(ref.name(), ref.version());
        return version.map(
                v -> new ModelRef(v.descriptor().name(), v.descriptor().version()));
    }

    /** Whether {@code ref} exists, or a folder (complete or not) already has its name. */
    public boolean taken(ModelRef ref) {
        return directory.find(ref.name(), ref.version()).isPresent()
                || root.map(dir -> Files.exists(dir.resolve(ref.name()).resolve(ref.version())))
                        .orElse(false);
    }

    /** Reads an existing version into {@code manager}. */
    public BertCheckpoint read(ModelRef ref, NDManager manager) throws IOException {
        ModelDirectory.ModelVersion version = directory
                .find(ref.name(), ref.version())
                .orElseThrow(() -> new IOException("model version " + ref + " no longer exists"));
        if (version.builtIn().isPresent()) {
            return version.builtIn().get().read(manager);
        }
        return HfModelFolder.read(version.folder().orElseThrow(), manager, version.descriptor());
    }
}
