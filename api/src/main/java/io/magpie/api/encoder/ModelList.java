package io.magpie.api.encoder;

import java.util.List;

/** What {@code GET /v1/models} answers: every model the encoder knows, with its versions. */
public record ModelList(List<ModelInfo> models) {}
