package io.magpie.fusion.impressions;

import io.magpie.api.impressions.ImpressionBatch;
import io.magpie.api.impressions.ImpressionBatchResult;
import io.magpie.api.impressions.ServedList;
import io.magpie.api.problem.ProblemException;
import io.magpie.fusion.config.ImpressionsConfig;
import io.magpie.fusion.store.ImpressionStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One batch of served lists from the gateway: checked whole, repeats of a request id and page within the batch
 * dropped (first one wins), stored in one transaction; answered once committed.
 */
@ApplicationScoped
public class ImpressionIngest {

    private final ImpressionValidator validator;
    private final ImpressionStore store;
    private final int maxBatchSize;

    public ImpressionIngest(ImpressionValidator validator, ImpressionStore store, ImpressionsConfig config) {
        this.validator = validator;
        this.store = store;
        this.maxBatchSize = config.maxBatchSize();
    }

    public Uni<ImpressionBatchResult> ingest(ImpressionBatch batch) {
        if (batch == null || batch.lists() == null || batch.lists().isEmpty()) {
            throw ProblemException.invalidField("lists", "must hold 1 to " + maxBatchSize + " served lists");
        }
        if (batch.lists().size() > maxBatchSize) {
            throw new ProblemException(
                    413,
                    "Payload too large",
                    "a batch holds at most " + maxBatchSize + " served lists; nothing stored");
        }
        validator.check(batch.lists());
        Set<String> keys = new HashSet<>();
        List<ServedList> distinct = new ArrayList<>();
        for (ServedList list : batch.lists()) {
            if (keys.add(list.page() + " " + list.requestId())) {
                distinct.add(list);
            }
        }
        int sent = batch.lists().size();
        return store.insert(distinct).map(stored -> new ImpressionBatchResult(stored, sent - stored));
    }
}
