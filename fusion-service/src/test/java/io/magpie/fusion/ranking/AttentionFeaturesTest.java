package io.magpie.fusion.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.ItemData;
import io.magpie.api.fusion.QueryContext;
import io.magpie.api.graph.GraphPaths;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.fusion.features.ExtractedFeatures;
import io.magpie.fusion.features.FeatureExtractor;
import io.magpie.fusion.features.FeatureSchema;
import io.magpie.fusion.ranking.attention.AttentionInput;
import io.magpie.fusion.ranking.attention.AttentionShape;
import io.magpie.fusion.ranking.attention.TrainingQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The extractor's output reaches the attention model whole and once: every flat feature maps to exactly one place
 * of the attention input (presence -> present, the rest of each source's block -> sources, item -> items, context
 * -> context), and a training query reads the same numbers as a served request.
 */
class AttentionFeaturesTest {

    private final FeatureExtractor extractor = new FeatureExtractor();

    private final FuseRequest request = new FuseRequest(
            null,
            List.of(
                    new CandidateList("dense", List.of(new Candidate("a", 0.9), new Candidate("b", 0.5))),
                    new CandidateList("lexical", List.of(new Candidate("b", 12), new Candidate("c", 4))),
                    new CandidateList(
                            "graph", List.of(new Candidate("a", 2.0, "why", List.of(GraphPaths.QUERY_NAMES_BRAND))))),
            10,
            new QueryContext("bounty towels"),
            Map.of("a", new ItemData("Bounty Paper Towels", "Bounty", List.of("Home"), "White", 4.5, 99, 10.0, true)),
            null,
            null);

    @Test
    void shapeFollowsTheSchemaWithPresenceTakenOut() {
        FeatureSchema schema = extractor.schema();
        assertEquals(
                new AttentionShape(
                        5,
                        5,
                        schema.itemFeatures().size(),
                        schema.contextFeatures().size()),
                AttentionFeatures.shape(schema));
        assertEquals("magpie-fusion@3", AttentionFeatures.schemaId(schema).toString());
    }

    @Test
    void everyFlatFeatureLandsInExactlyOnePlace() {
        ExtractedFeatures features = extractor.extract(request);
        AttentionInput input = AttentionFeatures.input(features);
        input.validate(AttentionFeatures.shape(features.schema()));
        FeatureSchema schema = features.schema();
        int perSource = schema.perSourceFeatures().size();
        for (int i = 0; i < features.size(); i++) {
            // the flat vector rebuilt from the attention input is the flat vector
            List<Float> rebuilt = new ArrayList<>();
            for (int s = 0; s < schema.sources().size(); s++) {
                rebuilt.add(input.present()[i][s] ? 1f : 0f);
                for (float v : input.sources()[i][s]) {
                    rebuilt.add(v);
                }
            }
            for (float v : input.context()) {
                rebuilt.add(v);
            }
            for (float v : input.items()[i]) {
                rebuilt.add(v);
            }
            assertEquals(schema.flatSize(), rebuilt.size());
            float[] flat = features.flat()[i];
            for (int f = 0; f < flat.length; f++) {
                assertEquals(
                        flat[f],
                        rebuilt.get(f),
                        0f,
                        schema.flatNames().get(f) + " of " + features.ids().get(i));
            }
            assertEquals(schema.sources().size(), input.sources()[i].length);
            assertEquals(perSource - 1, input.sources()[i][0].length);
        }
        // a: dense and graph; b: dense and lexical; c: lexical only
        assertArrayEquals(new boolean[] {true, false, true, false, false}, input.present()[0]);
        assertArrayEquals(new boolean[] {true, true, false, false, false}, input.present()[1]);
        assertArrayEquals(new boolean[] {false, true, false, false, false}, input.present()[2]);
    }

    @Test
    void trainingReadsWhatServingReads() {
        ExtractedFeatures features = extractor.extract(request);
        AttentionInput served = AttentionFeatures.input(features);
        TrainingQuery query = AttentionFeatures.trainingQuery(features, new float[] {1, 0, 0.1f});
        AttentionInput trained = query.input();
        assertArrayEquals(served.context(), trained.context());
        for (int i = 0; i < features.size(); i++) {
            assertArrayEquals(served.present()[i], trained.present()[i]);
            assertArrayEquals(served.items()[i], trained.items()[i]);
            for (int s = 0; s < served.sources()[i].length; s++) {
                assertArrayEquals(served.sources()[i][s], trained.sources()[i][s]);
            }
        }
        assertArrayEquals(new float[] {1, 0, 0.1f}, query.gains());
    }
}
