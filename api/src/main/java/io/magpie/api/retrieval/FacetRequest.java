package io.magpie.api.retrieval;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Facet counts for a candidate set, e.g. the ids of a search answer before paging.
 *
 * @param ids product ids; unknown ids count nowhere
 */
public record FacetRequest(@NotNull @Size(max = 1000) List<String> ids) {}
