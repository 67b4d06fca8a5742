package io.magpie.api.encoder;

import java.util.List;

/**
 * A named model and its versions.
 *
 * @param name          what requests call it ({@code model: "name"} means its active version)
 * @param activeVersion the version requests without a version get; null while none is loaded
 * @param versions      every version found, oldest first
 */
public record ModelInfo(String name, String activeVersion, List<ModelVersionInfo> versions) {}
