package io.magpie.api.fusion;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Train a new version of a learned ranker from labelled examples.
 *
 * @param examples one per query
 * @param note     what the training data is (e.g. "esci folds 1-4"), kept with the version; may be null
 */
public record TrainingRequest(
        @NotNull @Size(min = 1, max = 100_000) List<@Valid @NotNull LabelledExample> examples,
        @Size(max = 500) String note) {}
