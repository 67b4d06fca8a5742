package io.magpie.eval.finetune;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.catalog.Product;
import io.magpie.api.encoder.FineTuningRequest;
import io.magpie.eval.cli.EncoderOption;
import io.magpie.eval.cli.KeyOptions;
import io.magpie.eval.esci.EsciCatalogue;
import io.magpie.eval.esci.EsciJudgements;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Builds training pairs (ESCI exact labels, or purchases that followed a search) and starts a fine-tuning job on
 * encoder-service, then follows it until the new version is written.
 */
@Command(
        name = "fine-tune",
        mixinStandardHelpOptions = true,
        description = "Fine-tune an encoder on (query, product) pairs from ESCI labels or from behaviour events; "
                + "prints the new version (activate it and re-encode the catalogue to use it).")
public class FineTuneCommand implements Callable<Integer> {

    enum Source {
        esci,
        events
    }

    @Spec
    CommandSpec spec;

    @Mixin
    EncoderOption encoder;

    @Mixin
    KeyOptions key;

    @Option(
            names = "--base",
            defaultValue = "bge-small-en-v1.5",
            description = "model to start from, name or name@version (default: ${DEFAULT-VALUE})")
    String base;

    @Option(names = "--new-version", description = "version name of the result (default: made by the service)")
    String newVersion;

    @Option(
            names = "--from",
            defaultValue = "esci",
            description = "where the pairs come from: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Source from;

    @Option(
            names = "--dataset",
            defaultValue = "../shared/datasets/esci-subset",
            description = "ESCI folder: labels for --from esci, product texts for both (default: ${DEFAULT-VALUE})")
    Path dataset;

    @Option(
            names = "--catalogue",
            description = "product texts from this Magpie NDJSON catalogue instead of the ESCI products")
    Path catalogue;

    @Option(names = "--events", description = "NDJSON behaviour events for --from events")
    Path events;

    @Option(
            names = "--window",
            defaultValue = "PT30M",
            description = "a purchase counts for the session's last search this long before it (default: 30 min)")
    Duration window;

    @Mixin
    TrainingOptions training;

    @Option(names = "--no-follow", description = "start the job and exit without waiting for it")
    boolean noFollow;

    @Override
    public Integer call() throws Exception {
        Map<String, String> texts = productTexts();
        List<FineTuningRequest.Pair> pairs;
        String source;
        if (from == Source.esci) {
            EsciJudgements judgements = EsciJudgements.read(dataset);
            pairs = TrainingPairs.fromEsci(judgements, judgements.queries(), texts);
            source = "ESCI exact (E) labels of " + judgements.queries().size() + " queries, " + dataset.getFileName();
        } else {
            if (events == null) {
                throw new ParameterException(spec.commandLine(), "--from events needs --events FILE");
            }
            PurchasePairs.Result result;
            try (BufferedReader reader = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
                result = PurchasePairs.read(reader, window, texts);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), events + ": " + e.getMessage());
            }
            System.err.printf(
                    "fine-tune: %d purchases, %d without a search in the window, %d of unknown products%n",
                    result.purchases(), result.withoutQuery(), result.unknownProducts());
            pairs = result.pairs();
            source = "purchases after searches within " + window + " in " + events.getFileName();
        }
        System.err.printf("fine-tune: %d pairs (%s)%n", pairs.size(), source);
        if (pairs.size() < 2) {
            System.err.println("fine-tune: need at least 2 pairs");
            return 1;
        }
        EncoderApi api = new EncoderApi(encoder.uri(), key.required());
        JsonNode job = api.startJob(new FineTuningRequest(base, newVersion, pairs, null, source, training.settings()));
        String id = job.path("id").asText();
        System.err.printf(
                "fine-tune: job %s: %s -> %s%n",
                id, job.path("baseModel").asText(), job.path("newModel").asText());
        if (noFollow) {
            System.out.println(id);
            return 0;
        }
        JsonNode done = api.await(id, Duration.ofSeconds(5), j -> System.err.println(JobProgress.line(j)));
        if (!done.path("state").asText().equals("succeeded")) {
            System.err.println("fine-tune: job failed: " + done.path("error").asText());
            return 1;
        }
        System.err.printf(
                "fine-tune: %s written, final loss %.4f; activate it to serve it, then re-encode the " + "catalogue%n",
                done.path("newModel").asText(), done.path("finalLoss").asDouble());
        System.out.println(done.path("newModel").asText());
        return 0;
    }

    private Map<String, String> productTexts() throws Exception {
        Map<String, String> texts = new LinkedHashMap<>();
        if (catalogue != null) {
            ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            for (String line : Files.readAllLines(catalogue, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    Product product = json.readValue(line, Product.class);
                    texts.put(product.id(), product.embeddingText());
                }
            }
        } else {
            EsciCatalogue.read(dataset).forEach((id, product) -> texts.put(id, product.embeddingText()));
        }
        return texts;
    }
}
