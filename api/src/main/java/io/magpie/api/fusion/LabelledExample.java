package io.magpie.api.fusion;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * One training example for a learned ranker: the fuse request exactly as serving receives it (captured through
 * the gateway's search path) and graded relevance per product id.
 *
 * @param request the fuse request
 * @param labels  grade per product id (0 = not relevant, higher = more relevant, at most 31); candidates without a
 *                grade count as 0
 */
public record LabelledExample(
        @NotNull @Valid FuseRequest request, @NotNull Map<String, Integer> labels) {}
