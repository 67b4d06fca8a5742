package io.magpie.fusion.service;

import io.magpie.api.model.ModelRef;
import io.magpie.api.problem.ProblemException;
import io.magpie.fusion.features.FeatureExtractor;
import io.magpie.fusion.model.ModelDescriptor;
import io.magpie.fusion.model.StoredModelFile;
import io.magpie.fusion.ranking.AttentionFeatures;
import io.magpie.fusion.ranking.LoadedModel;
import io.magpie.fusion.ranking.attention.AttentionFusionModel;
import io.magpie.fusion.ranking.trees.BaseMargin;
import io.magpie.fusion.ranking.trees.TreeRanker;
import io.magpie.fusion.store.ModelStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads a registry version so that it can score, or refuses it: unknown 404; trained on another feature schema
 * 409 (it would read the wrong columns); damaged bytes (checksum), a file missing, a model its reader cannot parse
 * or an unknown kind 422.
 */
@ApplicationScoped
public class ModelLoading {

    /** The trees' file inside a version. */
    public static final String TREES_FILE = "model.ubj";

    private final ModelStore store;
    private final FeatureExtractor extractor;

    public ModelLoading(ModelStore store, FeatureExtractor extractor) {
        this.store = store;
        this.extractor = extractor;
    }

    public LoadedModel load(ModelRef ref) {
        ModelDescriptor descriptor =
                store.descriptor(ref).orElseThrow(() -> ProblemException.notFound("no fusion model " + ref));
        if (!descriptor.schema().equals(extractor.schema())) {
            throw new ProblemException(
                    409,
                    "Conflict",
                    "model " + ref + " was trained on feature schema "
                            + descriptor.schema().id() + " ("
                            + descriptor.schema().flatSize() + " features), this service "
                            + "computes " + extractor.schema().id() + " ("
                            + extractor.schema().flatSize() + "): retrain it");
        }
        List<StoredModelFile> files = store.files(ref);
        for (StoredModelFile file : files) {
            if (!file.intact()) {
                throw unprocessable(ref, "its file " + file.name() + " does not match the checksum it was stored with");
            }
        }
        if (ModelDescriptor.ATTENTION.equals(descriptor.kind())) {
            return LoadedModel.ofAttention(descriptor, attention(ref, files));
        }
        if (!ModelDescriptor.LAMBDAMART.equals(descriptor.kind())) {
            throw unprocessable(ref, "it is of kind '" + descriptor.kind() + "', which this service does not serve");
        }
        StoredModelFile trees = files.stream()
                .filter(f -> f.name().equals(TREES_FILE))
                .findFirst()
                .orElseThrow(() -> unprocessable(ref, "it has no " + TREES_FILE));
        try {
            return new LoadedModel(
                    descriptor,
                    TreeRanker.load(
                            trees.content(),
                            extractor.schema().flatSize(),
                            BaseMargin.read(
                                    descriptor.parameters().get("baseMargin"),
                                    extractor.schema().flatNames())));
        } catch (IllegalArgumentException e) {
            throw unprocessable(ref, e.getMessage());
        }
    }

    /** The attention model reads a folder: its files are written to a temporary one (its own checks then run). */
    private AttentionFusionModel attention(ModelRef ref, List<StoredModelFile> files) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("fusion-model-");
            for (StoredModelFile file : files) {
                Files.write(folder.resolve(file.name()), file.content());
            }
            return AttentionFusionModel.load(
                    folder,
                    AttentionFeatures.shape(extractor.schema()),
                    AttentionFeatures.schemaId(extractor.schema()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the files of " + ref, e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private static ProblemException unprocessable(ModelRef ref, String why) {
        return new ProblemException(422, "Unprocessable model", "model " + ref + " cannot be loaded: " + why);
    }

    static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
