package io.magpie.api.impressions;

/**
 * What a batch of served lists did.
 *
 * @param stored     lists stored now
 * @param duplicates lists whose request id and page were stored before (a retried batch), left as they were
 */
public record ImpressionBatchResult(int stored, int duplicates) {}
