package io.magpie.fusion.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.magpie.api.fusion.FusionStrategy;
import io.magpie.fusion.strategy.MaxFusion;
import io.magpie.fusion.strategy.RrfFusion;
import io.magpie.fusion.strategy.SourceWeights;
import io.magpie.fusion.strategy.WeightedFusion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FusionServiceTest {

    @Test
    void everyStrategyHasExactlyOneImplementation() {
        var all = FusionService.byStrategy(
                List.of(new RrfFusion(60), new WeightedFusion(new SourceWeights(Map.of(), 1.0)), new MaxFusion()));
        // the learned model is served by ModelRanking, not a list fusion
        assertEquals(java.util.EnumSet.complementOf(java.util.EnumSet.of(FusionStrategy.MODEL)), all.keySet());

        assertThrows(IllegalStateException.class, () -> FusionService.byStrategy(List.of(new RrfFusion(60))));
        assertThrows(
                IllegalStateException.class,
                () -> FusionService.byStrategy(List.of(
                        new RrfFusion(60),
                        new RrfFusion(1),
                        new WeightedFusion(new SourceWeights(Map.of(), 1.0)),
                        new MaxFusion())));
    }
}
