package io.magpie.api.fusion;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One item of the merged ranking.
 *
 * @param id          product id
 * @param score       fused score, higher is better
 * @param sources     each source that proposed the item, largest contribution first
 * @param explanation with {@code explain}, for a learned model: the features and their contributions; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FusedItem(String id, double score, List<SourceContribution> sources, ItemExplanation explanation) {

    public FusedItem(String id, double score, List<SourceContribution> sources) {
        this(id, score, sources, null);
    }
}
