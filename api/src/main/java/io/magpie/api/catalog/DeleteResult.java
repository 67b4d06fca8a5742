package io.magpie.api.catalog;

import java.util.List;

/**
 * Outcome of a delete, answered once PostgreSQL has committed it.
 *
 * @param deleted         how many products were removed from the catalogue
 * @param unknown         ids that were not in the catalogue
 * @param pendingIndexing catalogue changes not yet applied to Milvus and the graph at the moment of the answer
 */
public record DeleteResult(long deleted, List<String> unknown, long pendingIndexing) {}
