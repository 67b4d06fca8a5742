package io.magpie.eval.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** One line per poll about a fine-tuning job, for people following it in a terminal. */
final class JobProgress {

    private JobProgress() {}

    static String line(JsonNode job) {
        JsonNode p = job.path("progress");
        if (p.isMissingNode() || p.isNull()) {
            return String.format(
                    Locale.ROOT,
                    "  %s %s",
                    job.path("state").asText(),
                    job.path("newModel").asText());
        }
        return String.format(
                Locale.ROOT,
                "  %s epoch %d/%d step %d/%d loss %.4f (epoch mean %.4f) lr %.2e, "
                        + "%.1f pairs/s, %.0f s elapsed, ETA %.0f s",
                job.path("state").asText(),
                p.path("epoch").asInt(),
                p.path("epochs").asInt(),
                p.path("step").asInt(),
                p.path("totalSteps").asInt(),
                p.path("loss").asDouble(),
                p.path("epochLoss").asDouble(),
                p.path("learningRate").asDouble(),
                p.path("pairsPerSecond").asDouble(),
                p.path("elapsedSeconds").asDouble(),
                p.path("remainingSeconds").asDouble());
    }
}
