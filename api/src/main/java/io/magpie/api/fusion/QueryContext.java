package io.magpie.api.fusion;

import jakarta.validation.constraints.Size;

/**
 * What fusion knows of the request besides the candidates: features such as query length and the query words
 * found in a title are computed from it.
 *
 * @param text the shopper's query as searched; may be null (recommendations have none)
 */
public record QueryContext(@Size(max = 1000) String text) {}
