package io.magpie.api.catalog;

import io.magpie.api.problem.Problem;
import java.util.List;

/**
 * Outcome of a bulk ingest.
 *
 * @param accepted products stored and indexed
 * @param rejected input lines refused
 * @param errors   why each refused line was refused (with its line number)
 */
public record IngestResult(long accepted, long rejected, List<Problem.FieldError> errors) {
}
