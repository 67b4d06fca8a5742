package io.magpie.api.fusion;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The merged ranking, best first, and what made it.
 *
 * @param strategy the strategy used
 * @param items    best first
 * @param model    with strategy {@code model}: the model version that scored the items
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FuseResponse(FusionStrategy strategy, List<FusedItem> items, String model) {

    public FuseResponse(FusionStrategy strategy, List<FusedItem> items) {
        this(strategy, items, null);
    }
}
