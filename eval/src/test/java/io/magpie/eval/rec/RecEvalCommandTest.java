package io.magpie.eval.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.eval.MagpieEval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The run facts of a `rec-eval` report: its data set as given and the time the run began. */
class RecEvalCommandTest {

    private static final String DATASET = "../../shared/datasets/amazon-scientific";

    @Test
    void theReportNamesTheDataSetAsGivenAndWhenTheRunBegan(@TempDir Path out) throws Exception {
        Assumptions.assumeTrue(
                Files.isDirectory(Path.of(DATASET)),
                "skipped: ../shared/datasets/amazon-scientific is absent (see that folder's README)");
        Instant before = Instant.now();
        int exit = new CommandLine(new MagpieEval())
                .execute(
                        "rec-eval",
                        "--dataset",
                        DATASET,
                        "--out",
                        out.toString(),
                        "--name",
                        "run",
                        "--resamples",
                        "10");
        Instant after = Instant.now();
        assertEquals(0, exit);

        JsonNode run =
                new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("run");
        // as typed, not an absolute file: URI naming this machine's folders
        assertEquals(DATASET, run.get("dataset").asText());
        // read when the run began (it was read when the report was written, at the end): before the run's midpoint
        Instant started = Instant.parse(run.get("started").asText());
        Instant midpoint = before.plus(Duration.between(before, after).dividedBy(2));
        assertTrue(started.isBefore(midpoint), "started " + started + ", run " + before + " to " + after);
    }
}
