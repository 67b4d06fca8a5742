package io.magpie.api.fusion;

import java.util.List;

/**
 * The learned ranker versions, newest first.
 *
 * @param active  the active one ({@code name@version}), null when the storefront gets the fixed strategy
 * @param models  every version
 */
public record FusionModelList(String active, List<FusionModelInfo> models) {}
