package io.magpie.api.graph.admin;

import java.util.List;

/**
 * One page of the audit log, newest first.
 *
 * @param entries the entries of this page
 * @param page    page number, from 0
 * @param size    page size asked for
 * @param total   entries matching the filter over all pages
 */
public record AuditPage(List<AuditEntry> entries, int page, int size, long total) {}
