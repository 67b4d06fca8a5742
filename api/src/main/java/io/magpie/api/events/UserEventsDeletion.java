package io.magpie.api.events;

/**
 * What a privacy deletion removed.
 *
 * @param userId         the user whose events are gone
 * @param deletedEvents  events deleted: the user's own and those of the sessions linked to the user
 * @param unlinkedSessions sessions that were linked to the user and are forgotten too
 * @param deletedImpressions served lists shown to the user or those sessions, deleted with the events
 */
public record UserEventsDeletion(String userId, long deletedEvents, long unlinkedSessions, long deletedImpressions) {}
