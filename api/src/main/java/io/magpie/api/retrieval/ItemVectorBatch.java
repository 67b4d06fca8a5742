package io.magpie.api.retrieval;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Collaborative item vectors written together (inserted or replaced by id).
 *
 * @param items   at most 10,000 per request; send more in several
 * @param version the model version they belong to: written aside and served only once activated
 *                ({@code PUT /v1/admin/product-cf/active}); absent: written into the vectors served now
 */
public record ItemVectorBatch(
        @NotEmpty @Size(max = 10_000) List<@Valid ItemVector> items,

        @Pattern(regexp = ItemVectorVersion.PATTERN, message = ItemVectorVersion.RULE)
        String version) {

    public ItemVectorBatch(List<ItemVector> items) {
        this(items, null);
    }
}
