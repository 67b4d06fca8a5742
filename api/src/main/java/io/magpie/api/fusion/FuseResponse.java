package io.magpie.api.fusion;

import java.util.List;

/** The merged ranking, best first, and the strategy that made it. */
public record FuseResponse(FusionStrategy strategy, List<FusedItem> items) {
}
