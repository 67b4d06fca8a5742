package io.magpie.api.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One version of a model.
 *
 * @param version        the version ({@code model: "name@version"} asks for it)
 * @param builtIn        shipped with the service rather than read from the model directory
 * @param loaded         in memory and servable
 * @param active         the version requests naming only the model get
 * @param dim            vector dimension; null when unknown without loading
 * @param maxTokens      longest input in word pieces; longer texts are cut
 * @param pooling        "mean" or "cls"
 * @param normalize      whether vectors are unit length
 * @param queryPrefix    put before query texts
 * @param documentPrefix put before document texts
 * @param createdAt      when the version was made; null for built-in models
 * @param base           the version it was derived from, {@code name@version}, or null
 * @param training       how it was trained, as the fine-tuning job recorded it, or null
 */
public record ModelVersionInfo(
        String version,
        boolean builtIn,
        boolean loaded,
        boolean active,
        Integer dim,
        int maxTokens,
        String pooling,
        boolean normalize,
        String queryPrefix,
        String documentPrefix,
        Instant createdAt,
        String base,
        JsonNode training) {}
