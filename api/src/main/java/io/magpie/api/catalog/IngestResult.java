package io.magpie.api.catalog;

import io.magpie.api.problem.Problem;
import java.util.List;

/**
 * Outcome of a bulk ingest, answered once PostgreSQL has committed the accepted products.
 *
 * @param accepted        lines stored (new, changed or unchanged)
 * @param rejected        input lines refused
 * @param errors          why each refused line was refused (with its line number)
 * @param changed         products whose content was new or changed, so queued for indexing
 * @param pendingIndexing catalogue changes (of this and other requests) not yet in Milvus and the graph at the
 *                        moment of the answer; {@code GET /v1/products/indexing} follows them
 */
public record IngestResult(
        long accepted, long rejected, List<Problem.FieldError> errors, long changed, long pendingIndexing) {

    public IngestResult(long accepted, long rejected, List<Problem.FieldError> errors) {
        this(accepted, rejected, errors, 0, 0);
    }
}
