package io.magpie.eval.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    void esciLabelsBecomeGradesWhoseExponentialGainsFollowTheEvaluationsOrder() {
        assertEquals(
                Map.of("e", 3, "s", 1, "c", 0, "i", 0),
                TrainingGrades.of(Map.of("e", "E", "s", "S", "c", "C", "i", "I")));
    }
}
