package io.magpie.api.fusion;

import java.util.List;

/**
 * The fuse request a search would send, captured by a trusted tool instead of being sent: labelled with graded
 * relevance it becomes a training example whose features are exactly serving's.
 *
 * @param request  what fusion-service would receive
 * @param degraded branches that failed while gathering it (an example gathered without a source is not one that
 *                 serving usually sees; collectors should skip or retry it)
 */
public record CapturedFuseRequest(FuseRequest request, List<String> degraded) {}
