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
import java.util.ArrayList;
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

    /** The trees' file inside a version (a bagged version: its refit member). */
    public static final String TREES_FILE = "model.ubj";

    /** A bagged version's parameter with its number of members (ADR 0042); absent for one booster. */
    static final String BAG_MEMBERS = "bagMembers";

    /** The file of a bagged version's member {@code m} (1 .. members - 1; member 0 is {@link #TREES_FILE}). */
    static String memberFile(int m) {
        return "member-" + m + ".ubj";
    }

    /** A trees model's files as a version stores them: the refit, then any further members of a bag. */
    static List<StoredModelFile> treeFiles(TreeRanker ranker) {
        List<byte[]> members = ranker.memberBytes();
        List<StoredModelFile> files = new ArrayList<>(members.size());
        for (int m = 0; m < members.size(); m++) {
            files.add(StoredModelFile.of(m == 0 ? TREES_FILE : memberFile(m), members.get(m)));
        }
        return files;
    }

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
        int members = members(ref, descriptor);
        List<byte[]> trees = new ArrayList<>(members);
        for (int m = 0; m < members; m++) {
            String name = m == 0 ? TREES_FILE : memberFile(m);
            trees.add(files.stream()
                    .filter(f -> f.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> unprocessable(ref, "it has no " + name))
                    .content());
        }
        try {
            return new LoadedModel(
                    descriptor,
                    TreeRanker.load(
                            trees,
                            extractor.schema().flatSize(),
                            BaseMargin.read(
                                    descriptor.parameters().get("baseMargin"),
                                    extractor.schema().flatNames())));
        } catch (IllegalArgumentException e) {
            throw unprocessable(ref, e.getMessage());
        }
    }

    /** How many boosters a trees version averages: its {@value #BAG_MEMBERS}, 1 for versions without one. */
    private static int members(ModelRef ref, ModelDescriptor descriptor) {
        Object members = descriptor.parameters().get(BAG_MEMBERS);
        if (members == null) {
            return 1;
        }
        if (!(members instanceof Number number)
                || number.doubleValue() != Math.rint(number.doubleValue())
                || number.intValue() < 1
                || number.intValue() > 100) {
            throw unprocessable(ref, "its " + BAG_MEMBERS + " is not a count of 1 to 100: " + members);
        }
        return number.intValue();
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
