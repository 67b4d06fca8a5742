package io.magpie.eval.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.catalog.Product;
import io.magpie.api.encoder.FineTuningRequest.Pair;
import io.magpie.eval.esci.EsciCatalogue;
import io.magpie.eval.esci.EsciJudgements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TrainingPairsTest {

    @Test
    void onlyExactLabelsOfTheGivenQueries() {
        EsciJudgements judgements = new EsciJudgements(
                List.of("q1", "q2"),
                Map.of(
                        "q1", Map.of("b", "E", "a", "E", "c", "S", "d", "I"),
                        "q2", Map.of("a", "E")));
        Map<String, String> texts = Map.of("a", "text a", "b", "text b", "c", "text c", "d", "text d");

        List<Pair> pairs = TrainingPairs.fromEsci(judgements, List.of("q1"), texts);

        assertEquals(List.of(new Pair("q1", "text a"), new Pair("q1", "text b")), pairs);
    }

    /** On the real data set: every E label of the 100 queries whose product is in the catalogue. */
    @Test
    void esciSubsetGivesAPairPerExactLabel() throws Exception {
        Path dataset = Path.of(System.getProperty("magpie.root", ".."))
                .resolve("../shared/datasets/esci-subset")
                .normalize();
        Assumptions.assumeTrue(
                Files.isRegularFile(dataset.resolve("products.jsonl")),
                "ESCI subset not found at " + dataset.toAbsolutePath() + "; see ../shared/datasets/README.md");
        EsciJudgements judgements = EsciJudgements.read(dataset);
        Map<String, Product> catalogue = EsciCatalogue.read(dataset);
        Map<String, String> texts = new HashMap<>();
        catalogue.forEach((id, product) -> texts.put(id, product.embeddingText()));

        List<Pair> pairs = TrainingPairs.fromEsci(judgements, judgements.queries(), texts);

        assertEquals(6764, catalogue.size());
        long exact = judgements.labels().values().stream()
                .flatMap(m -> m.values().stream())
                .filter("E"::equals)
                .count();
        assertEquals(exact, pairs.size());
        assertTrue(pairs.stream().allMatch(p -> !p.document().isBlank()));
    }
}
