package io.magpie.fusion.service;

import io.magpie.api.fusion.FusionModelInfo;
import io.magpie.api.fusion.TrainingRequest;
import io.magpie.fusion.config.FusionConfig;
import io.magpie.fusion.features.FeatureExtractor;
import io.magpie.fusion.model.ModelDescriptor;
import io.magpie.fusion.model.StoredModelFile;
import io.magpie.fusion.ranking.AttentionFeatures;
import io.magpie.fusion.ranking.attention.AttentionFusionModel;
import io.magpie.fusion.ranking.attention.AttentionHyperParameters;
import io.magpie.fusion.ranking.attention.AttentionTrainer;
import io.magpie.fusion.ranking.attention.TrainingMetrics;
import io.magpie.fusion.ranking.attention.TrainingQuery;
import io.magpie.fusion.store.ModelStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Trains a new attention-fusion version from labelled fuse requests: the same extractor and label checks as
 * LambdaMART, the extractor's output mapped by {@link AttentionFeatures} (as serving maps it), then stores the
 * version (not activated). A grade g is the gain 2^g - 1, as NDCG and LambdaMART count it. One training at a time
 * per process: DJL's PyTorch gradient collector is one per process.
 */
@ApplicationScoped
public class AttentionTraining {

    private static final Logger LOG = Logger.getLogger(AttentionTraining.class);

    private final FeatureExtractor extractor;
    private final ModelStore store;
    private final FusionConfig.Attention config;

    public AttentionTraining(FeatureExtractor extractor, ModelStore store, FusionConfig config) {
        this.extractor = extractor;
        this.store = store;
        this.config = config.models().attention();
    }

    public synchronized FusionModelInfo train(TrainingRequest request) {
        long start = System.nanoTime();
        List<LabelledQueries.LabelledQuery> labelled = LabelledQueries.extract(extractor, request);
        List<TrainingQuery> queries = new ArrayList<>(labelled.size());
        int candidates = 0;
        for (LabelledQueries.LabelledQuery query : labelled) {
            float[] gains = new float[query.grades().length];
            for (int i = 0; i < gains.length; i++) {
                gains[i] = (float) (Math.pow(2, query.grades()[i]) - 1);
            }
            queries.add(AttentionFeatures.trainingQuery(query.features(), gains));
            candidates += query.features().size();
        }
        AttentionHyperParameters hp = AttentionHyperParameters.defaults()
                .withSeed(config.seed())
                .withEpochs(config.maxEpochs(), config.patience());
        try (AttentionFusionModel model = AttentionTrainer.train(
                AttentionFeatures.shape(extractor.schema()),
                AttentionFeatures.schemaId(extractor.schema()),
                queries,
                hp)) {
            TrainingMetrics trained = model.metrics().orElseThrow();
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("validationNdcg10AtBestEpoch", trained.bestValidationNdcg10());
            metrics.put("bestEpoch", (double) trained.bestEpoch());
            metrics.put("epochs", (double) trained.epochs());
            metrics.put("fittingQueries", (double) trained.trainingQueries());
            metrics.put("validationQueries", (double) trained.validationQueries());
            metrics.put("skippedQueries", (double) trained.skippedQueries());
            metrics.put("candidates", (double) candidates);
            metrics.put("trainingSeconds", (System.nanoTime() - start) / 1e9);
            ModelDescriptor stored = store.saveNewVersion(
                    new ModelDescriptor(
                            ModelDescriptor.ATTENTION,
                            null,
                            ModelDescriptor.ATTENTION,
                            extractor.schema(),
                            Instant.now(),
                            describe(hp),
                            metrics,
                            request.note()),
                    files(model));
            LOG.infof("trained fusion model %s on %d queries: %s", stored.ref(), queries.size(), metrics);
            return ModelRegistry.info(stored, false);
        }
    }

    /** The model's files, as it saves them into a folder (a temporary one, read back for the registry). */
    private static List<StoredModelFile> files(AttentionFusionModel model) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("fusion-model-");
            model.save(folder);
            List<StoredModelFile> files = new ArrayList<>();
            try (Stream<Path> entries = Files.list(folder)) {
                for (Path file : entries.sorted().toList()) {
                    files.add(StoredModelFile.of(file.getFileName().toString(), Files.readAllBytes(file)));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the attention model's files", e);
        } finally {
            ModelLoading.deleteQuietly(folder);
        }
    }

    private static Map<String, Object> describe(AttentionHyperParameters hp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loss", "listwise softmax, gain 2^grade - 1");
        m.put("embeddingSize", hp.embeddingSize());
        m.put("attentionSize", hp.attentionSize());
        m.put("hiddenSize", hp.hiddenSize());
        m.put("learningRate", hp.learningRate());
        m.put("weightDecay", hp.weightDecay());
        m.put("queriesPerBatch", hp.queriesPerBatch());
        m.put("maxEpochs", hp.maxEpochs());
        m.put("patience", hp.patience());
        m.put("validationShare", hp.validationShare());
        m.put("seed", hp.seed());
        return m;
    }
}
