package io.magpie.api.retrieval;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Collaborative item vectors written together (inserted or replaced by id).
 *
 * @param items at most 10,000 per request; send more in several
 */
public record ItemVectorBatch(@NotEmpty @Size(max = 10_000) List<@Valid ItemVector> items) {}
