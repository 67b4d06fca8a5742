package io.magpie.eval.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.eval.rec.PlatformRecEval.Answer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformRecRunTest {

    @Test
    void sourcesWhoseAnswersAloneCarryNoScoresCannotBeWeighed() {
        Map<String, List<Answer>> alone = new LinkedHashMap<>();
        alone.put(
                "cooccurrence",
                List.of(new Answer(List.of("a", "b"), List.of(0.9, 0.4)), new Answer(List.of(), List.of())));
        // configured at weight 0: fusion-service answers the order, every score 0
        alone.put("collaborative", List.of(new Answer(List.of("c", "d"), List.of(0.0, 0.0))));
        alone.put("graph", List.of(new Answer(List.of(), List.of())));

        assertEquals(List.of("collaborative", "graph"), PlatformRecRun.unscored(alone));
    }
}
