package io.magpie.api.events;

/** A shopper signed in: the session's events (earlier and later ones) belong to this user. */
public record IdentifyRequest(String sessionId, String userId) {}
