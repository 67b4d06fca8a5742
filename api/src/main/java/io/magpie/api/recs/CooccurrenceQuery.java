package io.magpie.api.recs;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Items that shoppers acted on together with a history's items (fusion-service's co-occurrence signal).
 *
 * @param history the shopper's items, most recent first (recent items weigh more); never among the answers
 * @param k       how many candidates
 */
public record CooccurrenceQuery(
        @NotEmpty @Size(max = CooccurrenceQuery.MAX_HISTORY) List<String> history,
        @Min(1) @Max(1000) int k) {

    /** The most history items one query may carry. */
    public static final int MAX_HISTORY = 200;
}
