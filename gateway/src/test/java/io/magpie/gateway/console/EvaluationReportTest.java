package io.magpie.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.magpie.api.encoder.ModelInfo;
import io.magpie.api.encoder.ModelList;
import io.magpie.api.fusion.FusionModelActivation;
import io.magpie.api.fusion.FusionModelInfo;
import io.magpie.api.fusion.FusionModelList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operations page's report: the active ranker, the others against it, what training recorded, nothing more. */
class EvaluationReportTest {

    private static FusionModelInfo model(String name, String kind, boolean active, Map<String, Double> metrics) {
        return new FusionModelInfo(name, kind, "magpie-fusion@2", Instant.EPOCH, active, metrics, Map.of(), null);
    }

    @Test
    void candidatesAreComparedOnTheirHeadlineFigureWithTheActiveOne() {
        FusionModelInfo active = model(
                "lambdamart@2",
                "lambdamart",
                true,
                Map.of("crossValidNdcg10", 0.70, "fixedStrategyNdcg10", 0.66, "rounds", 120.0));
        FusionModelInfo older = model("lambdamart@1", "lambdamart", false, Map.of("crossValidNdcg10", 0.68));
        FusionModelInfo attention =
                model("attention@1", "attention", false, Map.of("validationNdcg10AtBestEpoch", 0.7125));
        FusionModelInfo untrained = model("attention@2", "attention", false, Map.of());
        FusionModelActivation activation =
                new FusionModelActivation("lambdamart@2", Instant.EPOCH, "key:abc", FusionModelActivation.ACTIVATE);

        EvaluationReport report = EvaluationReport.of(
                new FusionModelList("lambdamart@2", List.of(active, older, attention, untrained), List.of(activation)),
                new ModelList(
                        List.of(new ModelInfo("bge-small", "3", List.of()), new ModelInfo("idle", null, List.of()))));

        assertEquals(active, report.active());
        assertEquals("crossValidNdcg10", report.headline());
        assertEquals(
                List.of("-0.0200", "+0.0125", ""),
                report.candidates().stream()
                        .map(EvaluationReport.Candidate::difference)
                        .toList());
        assertEquals(Map.of("fixedStrategyNdcg10", 0.66), report.fixed());
        assertEquals(List.of(activation), report.activations());
        assertEquals(List.of("bge-small@3"), report.encoders());
    }

    @Test
    void withoutAnActiveRankerOrAnsweringServicesTheReportSaysSo() {
        EvaluationReport fixedOnly = EvaluationReport.of(
                new FusionModelList(null, List.of(model("lambdamart@1", "lambdamart", false, Map.of())), null), null);
        assertNull(fixedOnly.active());
        assertEquals(List.of(), fixedOnly.activations());
        assertEquals("", fixedOnly.candidates().get(0).difference());
        assertEquals(List.of(), EvaluationReport.of(null, null).candidates());
    }
}
