package io.magpie.api.fusion;

import java.util.List;

/**
 * The learned ranker versions, newest first.
 *
 * @param active  the active one ({@code name@version}), null when the storefront gets the fixed strategy
 * @param models  every version
 * @param activations the latest changes of the active version, newest first (the registry's history)
 */
public record FusionModelList(String active, List<FusionModelInfo> models, List<FusionModelActivation> activations) {}
