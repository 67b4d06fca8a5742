package io.magpie.kg.edit;

import java.time.Instant;

/**
 * Which audit entries to list; every field may be null (no condition).
 *
 * @param entity    a node reference (its own edits and those of its relations) or a relation as the log writes it
 * @param actor     the actor label, e.g. {@code key:3f2a...}
 * @param operation e.g. {@code create_relation}
 * @param from      entries at or after this instant
 * @param to        entries before this instant
 * @param page      from 0
 * @param size      entries per page
 */
public record AuditFilter(
        String entity, String actor, String operation, Instant from, Instant to, int page, int size) {}
