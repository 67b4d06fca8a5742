package io.magpie.api.events;

/**
 * @param sessionId    the session now linked
 * @param userId       the user it belongs to
 * @param linkedEvents the session's stored events that got the user now (events sent later with the session id
 *                     alone get it when they are stored)
 */
public record IdentifyResult(String sessionId, String userId, long linkedEvents) {}
