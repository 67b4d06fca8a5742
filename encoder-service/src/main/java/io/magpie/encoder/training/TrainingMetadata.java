package io.magpie.encoder.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The {@code training} section of a fine-tuned version's {@code magpie-model.json}: how it was made. */
final class TrainingMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingMetadata() {}

    static JsonNode of(
            String jobId,
            FineTuningPlan plan,
            ContrastiveTrainer.Outcome outcome,
            String device,
            int threads,
            Optional<String> commit) {
        ObjectNode training = JSON.createObjectNode();
        training.put("job", jobId);
        training.put("base", plan.base().toString());
        training.put("method", "contrastive InfoNCE with in-batch negatives, AdamW, linear warm-up and decay");
        Set<String> queries = new HashSet<>();
        Set<String> documents = new HashSet<>();
        plan.pairs().forEach(p -> {
            queries.add(p.query());
            documents.add(p.document());
        });
        training.putObject("data")
                .put("source", plan.source())
                .put("pairs", plan.pairs().size())
                .put("distinctQueries", queries.size())
                .put("distinctDocuments", documents.size());
        training.set("hyperparameters", JSON.valueToTree(plan.hyperparameters()));
        training.put("steps", outcome.steps());
        outcome.epochLosses().forEach(training.putArray("epochLosses")::add);
        training.put("finalLoss", outcome.finalLoss());
        double seconds = outcome.duration().toMillis() / 1000.0;
        training.put("durationSeconds", seconds);
        training.put(
                "pairsPerSecond",
                seconds > 0 ? (double) outcome.pairs() * plan.hyperparameters().epochs() / seconds : 0);
        training.put("device", device);
        training.put("threads", threads);
        commit.ifPresent(c -> training.put("commit", c));
        return training;
    }
}
