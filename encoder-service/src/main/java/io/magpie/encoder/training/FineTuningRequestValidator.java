package io.magpie.encoder.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.encoder.FineTuningRequest;
import io.magpie.api.model.ModelRef;
import io.magpie.api.problem.ProblemException;
import io.magpie.encoder.config.FineTuningConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link FineTuningRequest} into a {@link FineTuningPlan}, or refuses it with a problem naming the field:
 * 400 for malformed input, 404 for an unknown base model, 409 for a version that already exists.
 */
@ApplicationScoped
public class FineTuningRequestValidator {

    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FineTuningConfig config;
    private final BaseModels models;
    private final Clock clock;

    @Inject
    public FineTuningRequestValidator(FineTuningConfig config, BaseModels models) {
        this(config, models, Clock.systemUTC());
    }

    FineTuningRequestValidator(FineTuningConfig config, BaseModels models, Clock clock) {
        this.config = config;
        this.models = models;
        this.clock = clock;
    }

    public FineTuningPlan validate(FineTuningRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("the request needs a JSON body with baseModel and pairs");
        }
        models.modelDir();
        ModelRef base = base(request.baseModel());
        ModelRef target = target(base, request.newVersion());
        Hyperparameters hyperparameters = hyperparameters(request.settings());
        List<TrainingPair> pairs = pairs(request);
        if (hyperparameters.stepsPerEpoch(pairs.size()) == 0) {
            throw ProblemException.invalidField(
                    "pairs", "need at least 2 pairs (in-batch negatives), got " + pairs.size());
        }
        String source = request.source() == null || request.source().isBlank()
                ? (request.pairsFile() != null ? "file " + request.pairsFile() : "inline pairs")
                : request.source().strip();
        return new FineTuningPlan(base, target, pairs, source, hyperparameters);
    }

    private ModelRef base(String baseModel) {
        if (baseModel == null || baseModel.isBlank()) {
            throw ProblemException.invalidField("baseModel", "required: name@version of the model to fine-tune");
        }
        ModelRef ref = ModelRef.parse(baseModel);
        if (!ModelRef.isValidName(ref.name()) || (ref.version() != null && !ModelRef.isValidName(ref.version()))) {
            throw ProblemException.invalidField("baseModel", "must be name or name@version, was '" + baseModel + "'");
        }
        return models.find(ref)
                .orElseThrow(() -> new ProblemException(404, "Unknown model", "no model version '" + baseModel + "'"));
    }

    private ModelRef target(ModelRef base, String newVersion) {
        String version = newVersion == null || newVersion.isBlank()
                ? base.version() + "-ft-" + VERSION_TIME.format(clock.instant())
                : newVersion.strip();
        if (!ModelRef.isValidName(version)) {
            throw ProblemException.invalidField(
                    "newVersion",
                    "must be 1-100 letters, digits, '.', '_' or '-', " + "starting with a letter or digit; was '"
                            + newVersion + "'");
        }
        ModelRef target = new ModelRef(base.name(), version);
        if (models.taken(target)) {
            throw new ProblemException(
                    409,
                    "Version exists",
                    "model version " + target + " already exists; " + "choose another newVersion");
        }
        return target;
    }

    private Hyperparameters hyperparameters(FineTuningRequest.Settings settings) {
        FineTuningConfig.Defaults d = config.defaults();
        FineTuningRequest.Settings s = settings != null
                ? settings
                : new FineTuningRequest.Settings(null, null, null, null, null, null, null, null, null);
        try {
            return new Hyperparameters(
                    or(s.epochs(), d.epochs()),
                    or(s.batchSize(), d.batchSize()),
                    or(s.learningRate(), d.learningRate()),
                    or(s.warmupRatio(), d.warmupRatio()),
                    or(s.weightDecay(), d.weightDecay()),
                    or(s.temperature(), d.temperature()),
                    or(s.maxTokens(), d.maxTokens()),
                    or(s.seed(), d.seed()),
                    or(s.checkpointEvery(), d.checkpointEvery()));
        } catch (IllegalArgumentException e) {
            // Hyperparameters names the field first: "epochs must be ...".
            String field = e.getMessage().split(" ", 2)[0];
            throw ProblemException.invalidField("settings." + field, e.getMessage());
        }
    }

    private List<TrainingPair> pairs(FineTuningRequest request) {
        boolean inline = request.pairs() != null && !request.pairs().isEmpty();
        boolean file = request.pairsFile() != null && !request.pairsFile().isBlank();
        if (inline == file) {
            throw ProblemException.invalidField(
                    "pairs",
                    inline ? "give pairs or pairsFile, not both" : "required: pairs [{query, document}] or pairsFile");
        }
        List<TrainingPair> pairs = inline
                ? inlinePairs(request.pairs())
                : filePairs(request.pairsFile().strip());
        if (pairs.size() > config.maxPairs()) {
            throw ProblemException.invalidField(
                    inline ? "pairs" : "pairsFile",
                    "at most " + config.maxPairs() + " pairs per job, got " + pairs.size());
        }
        return pairs;
    }

    private static List<TrainingPair> inlinePairs(List<FineTuningRequest.Pair> given) {
        List<TrainingPair> pairs = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            FineTuningRequest.Pair pair = given.get(i);
            pairs.add(pair(
                    pair == null ? null : pair.query(), pair == null ? null : pair.document(), "pairs[" + i + "]"));
        }
        return pairs;
    }

    private List<TrainingPair> filePairs(String name) {
        Path dir = config.pairsDir()
                .orElseThrow(
                        () -> ProblemException.invalidField(
                                "pairsFile",
                                "this service has no pairs folder (magpie.encoder.fine-tuning.pairs-dir); send the pairs inline"));
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,199}")) {
            throw ProblemException.invalidField(
                    "pairsFile", "must be a plain file name in the pairs folder, was '" + name + "'");
        }
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw ProblemException.invalidField("pairsFile", "no file '" + name + "' in the pairs folder");
        }
        List<TrainingPair> pairs = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = "pairsFile line " + number;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    throw ProblemException.invalidField("pairsFile", where + " is not JSON");
                }
                pairs.add(pair(
                        node.path("query").isTextual() ? node.path("query").asText() : null,
                        node.path("document").isTextual()
                                ? node.path("document").asText()
                                : null,
                        where));
                if (pairs.size() > config.maxPairs()) {
                    break;
                }
            }
        } catch (IOException e) {
            throw ProblemException.invalidField("pairsFile", "could not read '" + name + "': " + e.getMessage());
        }
        return pairs;
    }

    private static TrainingPair pair(String query, String document, String where) {
        if (query == null || query.isBlank()) {
            throw ProblemException.invalidField(where + ".query", "required, a non-blank text");
        }
        if (document == null || document.isBlank()) {
            throw ProblemException.invalidField(where + ".document", "required, a non-blank text");
        }
        return new TrainingPair(query.strip(), document.strip());
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
