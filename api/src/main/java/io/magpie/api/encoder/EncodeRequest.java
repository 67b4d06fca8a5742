package io.magpie.api.encoder;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Texts to encode.
 *
 * @param model name of the model; null for the service's default
 * @param kind  whether the texts are queries or documents (some models prefix them differently)
 * @param texts the texts, in order; the vectors come back in the same order
 */
public record EncodeRequest(
        String model, TextKind kind, @NotNull @NotEmpty List<@NotNull String> texts) {

    public static EncodeRequest queries(List<String> texts) {
        return new EncodeRequest(null, TextKind.QUERY, texts);
    }

    public static EncodeRequest documents(List<String> texts) {
        return new EncodeRequest(null, TextKind.DOCUMENT, texts);
    }
}
