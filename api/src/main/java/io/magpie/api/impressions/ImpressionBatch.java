package io.magpie.api.impressions;

import java.util.List;

/** Served lists sent together; stored all or none. */
public record ImpressionBatch(List<ServedList> lists) {}
