package io.magpie.encoder.model.hf;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.magpie.api.model.ModelRef;
import io.magpie.encoder.model.Pooling;
import java.time.Instant;

/**
 * Magpie's description of one model version, {@code magpie-model.json} in its folder. A version folder counts
 * as complete once this file is there, so writers put it last (or write the folder under another name and
 * rename it).
 *
 * @param name           the model name callers use
 * @param version        the version within that name; changes whenever the vectors change
 * @param pooling        how token vectors become one sentence vector
 * @param normalize      whether sentence vectors are scaled to unit length
 * @param maxTokens      longest input in word pieces, special tokens included; longer texts are cut
 * @param queryPrefix    put before query texts (E5: "query: "), empty for none
 * @param documentPrefix put before document texts (E5: "passage: "), empty for none
 * @param createdAt      when the version was made
 * @param base           the model version this one was derived from (name@version), or null
 * @param training       how it was trained (free JSON written by the fine-tuning job), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelDescriptor(
        String name,
        String version,
        Pooling pooling,
        boolean normalize,
        int maxTokens,
        String queryPrefix,
        String documentPrefix,
        Instant createdAt,
        String base,
        JsonNode training) {

    public static final String FILE_NAME = "magpie-model.json";

    public ModelDescriptor {
        requireName("name", name);
        requireName("version", version);
        if (pooling == null) {
            throw new IllegalArgumentException("pooling must be mean or cls");
        }
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must be at least 2, got " + maxTokens);
        }
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
        documentPrefix = documentPrefix == null ? "" : documentPrefix;
    }

    /** The same description under another version, e.g. for a fine-tuned copy. */
    /** This version as callers name it, {@code name@version}. */
    @JsonIgnore
    public ModelRef ref() {
        return ModelRef.of(name, version);
    }

    public ModelDescriptor withVersion(String newVersion, Instant created, String newBase, JsonNode newTraining) {
        return new ModelDescriptor(
                name,
                newVersion,
                pooling,
                normalize,
                maxTokens,
                queryPrefix,
                documentPrefix,
                created,
                newBase,
                newTraining);
    }

    /** Names and versions become folder names and appear in {@code name@version}: keep them plain. */
    static void requireName(String field, String value) {
        if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException(field + " must be 1-100 letters, digits, '.', '_' or '-' "
                    + "(not starting with '.', '_' or '-'), got '" + value + "'");
        }
    }
}
