package io.magpie.api.catalog;

import java.util.List;

/**
 * Products to read by id, in one call: the gateway hydrates every source's candidates (a few hundred ids, more
 * than a query string carries) before fusion.
 *
 * @param ids product ids; unknown and deleted ones are left out of the answer
 */
public record ProductLookup(List<String> ids) {}
