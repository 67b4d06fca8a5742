/**
 * Contracts of the knowledge graph's admin API ({@code /v1/admin/graph/**} of kg-service, {@code /api/v1/admin/graph/**}
 * of the gateway) and of its public related-products reads. Nodes are named by a reference {@code Label:key}
 * ({@code Product:B0123}, {@code Brand:Bounty}, {@code Category:Home > Kitchen}, {@code Attribute:color=Red});
 * a relation by its type and its two ends. Every editable node and relation carries an edit version, sent as the
 * {@code ETag} of single reads and writes and expected back in {@code If-Match} (see docs/adr/0010).
 */
package io.magpie.api.graph.admin;
