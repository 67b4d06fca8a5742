package io.magpie.api.encoder;

import java.util.List;

/**
 * Vectors for the texts of an {@link EncodeRequest}, L2-normalised.
 *
 * @param model     the model that encoded them
 * @param version   that model's version
 * @param dim       vector dimension
 * @param vectors   one vector per text, in request order
 * @param truncated indexes of texts that were longer than the model's maximum and were cut
 */
public record EncodeResponse(String model, String version, int dim, List<float[]> vectors, List<Integer> truncated) {}
