package io.magpie.fusion.events;

import io.magpie.api.events.IdentifyRequest;
import io.magpie.api.events.IdentifyResult;
import io.magpie.api.events.UserEventsDeletion;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.Problem.FieldError;
import io.magpie.api.problem.ProblemException;
import io.magpie.fusion.config.EventsConfig;
import io.magpie.fusion.store.EventStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Who a session belongs to: linking at sign-in, and forgetting a user with all of their sessions. */
@ApplicationScoped
public class SessionLinking {

    private final EventStore store;
    private final int maxIdLength;

    public SessionLinking(EventStore store, EventsConfig config) {
        this.store = store;
        this.maxIdLength = config.maxIdLength();
    }

    public Uni<IdentifyResult> identify(IdentifyRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("send {\"sessionId\": ..., \"userId\": ...}");
        }
        FieldErrors errors = new FieldErrors();
        checkId("sessionId", request.sessionId(), errors);
        checkId("userId", request.userId(), errors);
        errors.throwIfAny();
        return store.linkSession(request.sessionId(), request.userId()).map(link -> {
            if (!link.linkedUser().equals(request.userId())) {
                throw new ProblemException(
                        409,
                        "Conflict",
                        "session " + request.sessionId() + " is already linked to another user; nothing changed",
                        List.of(new FieldError("sessionId", "is linked to another user")));
            }
            return new IdentifyResult(request.sessionId(), request.userId(), link.linkedEvents());
        });
    }

    public Uni<UserEventsDeletion> deleteUser(String userId) {
        FieldErrors errors = new FieldErrors();
        checkId("userId", userId, errors);
        errors.throwIfAny();
        return store.deleteUser(userId)
                .map(deletion ->
                        new UserEventsDeletion(userId, deletion.events(), deletion.sessions(), deletion.impressions()));
    }

    private void checkId(String field, String value, FieldErrors errors) {
        if (value == null || value.isBlank() || value.length() > maxIdLength) {
            errors.add(field, "must be 1 to " + maxIdLength + " characters, not blank");
        }
    }
}
