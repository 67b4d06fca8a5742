package io.magpie.api.catalog;

import java.util.List;

/**
 * Products to delete from the catalogue, its indexes and the graph.
 *
 * @param ids product ids; unknown ones are reported, not refused
 */
public record DeleteRequest(List<String> ids) {}
