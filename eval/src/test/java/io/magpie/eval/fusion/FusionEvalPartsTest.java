package io.magpie.eval.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FusionEvalPartsTest {

    @Test
    void theUnionHoldsEveryListsCandidatesOnceInOrderOfFirstAppearance() throws Exception {
        var request = new ObjectMapper().readTree("""
                {"lists": [{"source": "dense", "candidates": [{"id": "a", "score": 1}, {"id": "b", "score": 0.5}]},
                           {"source": "lexical", "candidates": [{"id": "b", "score": 3}, {"id": "c", "score": 2}]},
                           {"source": "graph", "candidates": []}], "size": 10}""");
        assertEquals(List.of("a", "b", "c"), FusionEvalCommand.unionIds(request));
    }

    @Test
    void fixedStrategiesReadBackFromAnEarlierReportAndOnlyForTheSameQueries(@TempDir Path folder) throws Exception {
        Path report = folder.resolve("fusion.json");
        java.nio.file.Files.writeString(report, """
                {"generatedAt": "2026-01-01T00:00:00Z", "strategies": [
                  {"name": "dense", "sources": "dense", "fusion": null, "available": true, "seconds": 1.5,
                   "means": {"NDCG@10": {"mean": 0.5, "lower": 0.4, "upper": 0.6, "n": 2}},
                   "queries": [{"query": "a", "returned": 1, "top": ["x"], "degraded": [], "scores": {"NDCG@10": 1.0}},
                               {"query": "b", "returned": 0, "top": [], "degraded": [], "scores": {"NDCG@10": 0.0}}]},
                  {"name": "lambdamart (5-fold)", "sources": "dense", "fusion": "model", "available": true,
                   "means": {}, "queries": []}],
                 "perFold": []}""");

        var fixed = FixedFromReport.read(report, List.of("a", "b"));
        assertEquals(1, fixed.size());
        assertEquals("dense", fixed.get(0).name());
        assertEquals(0.5, fixed.get(0).means().get("NDCG@10").mean());
        assertEquals(1.0, fixed.get(0).queries().get(0).scores().get("NDCG@10"));
        assertThrows(IllegalArgumentException.class, () -> FixedFromReport.read(report, List.of("b", "a")));
    }

    @Test
    void esciLabelsBecomeGradesWhoseExponentialGainsFollowTheEvaluationsOrder() {
        assertEquals(
                Map.of("e", 3, "s", 1, "c", 0, "i", 0),
                TrainingGrades.of(Map.of("e", "E", "s", "S", "c", "C", "i", "I")));
    }

    @Test
    void savedCapturesReadBackAsTheSameRequestsAndRefuseAFileWithoutAQuery(@TempDir Path folder) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, com.fasterxml.jackson.databind.JsonNode> byQuery = new LinkedHashMap<>();
        byQuery.put("red shoes", json.readTree("""
                {"lists": [{"source": "dense", "candidates": [{"id": "a", "score": 0.9}]}], "size": 10}"""));
        byQuery.put("kindle fire", json.readTree("""
                {"lists": [{"source": "lexical", "candidates": [{"id": "k", "score": 7.5}]}], "size": 10}"""));
        Path file = folder.resolve("captures/esci.json");
        new CapturedRequests(byQuery, 1).write(file);

        CapturedRequests read = CapturedRequests.read(file, List.of("kindle fire", "red shoes"));
        assertEquals(byQuery.get("red shoes"), read.byQuery().get("red shoes"));
        assertEquals(byQuery.get("kindle fire"), read.byQuery().get("kindle fire"));
        assertEquals(1, read.degraded());
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class, () -> CapturedRequests.read(file, List.of("red shoes", "bounty")));
        assertEquals(true, missing.getMessage().contains("'bounty'"));
    }

    @Test
    void aFoldsModelIsNamedWithItsVariantAndDenseBlendWhenItHasThem() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(
                " (plain, dense blend 0.5)",
                FusionEvalFiles.modelNote("plain", json.readTree("{\"rounds\": 40, \"denseBlend\": 0.5}")));
        assertEquals(" (plain)", FusionEvalFiles.modelNote("plain", json.readTree("{\"rounds\": 40}")));
        assertEquals("", FusionEvalFiles.modelNote("", json.readTree("{\"epochs\": 12}")));
        assertEquals(
                " (plain, dense blend 0.0, bagged, 5 members)",
                FusionEvalFiles.modelNote("plain", json.readTree("{\"denseBlend\": 0, \"bagMembers\": 5}")));
    }

    @Test
    void withoutNamedVariantsOneModelOfTheServicesDefaultIsTrained() {
        assertEquals(
                java.util.Collections.singletonList(null),
                FusionEvalCommand.trainedVariants(ModelKind.LAMBDAMART, null));
        assertEquals(
                List.of("auto", "plain"),
                FusionEvalCommand.trainedVariants(ModelKind.LAMBDAMART, List.of("auto", "plain")));
        assertEquals(
                java.util.Collections.singletonList(null),
                FusionEvalCommand.trainedVariants(ModelKind.ATTENTION, List.of("plain")));
    }
}
