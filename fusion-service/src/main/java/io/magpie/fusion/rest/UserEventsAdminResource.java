package io.magpie.fusion.rest;

import io.magpie.api.events.UserEventsDeletion;
import io.magpie.api.security.AdminOnly;
import io.magpie.fusion.events.SessionLinking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A user's events and served lists deleted on request (privacy). */
@Path("/v1/admin/users/{userId}/events")
@Tag(name = "events")
public class UserEventsAdminResource {

    private final SessionLinking linking;

    public UserEventsAdminResource(SessionLinking linking) {
        this.linking = linking;
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    @AdminOnly
    @Operation(
            summary = "Delete a user's events and served lists",
            description = "The user's events and served lists (impressions) and those of the sessions linked to the "
                    + "user, and the links, in one transaction; answers how many. Their ids stay known, so a re-sent deleted event is answered "
                    + "duplicate and not stored again. An unknown user deletes nothing (0).")
    public Uni<UserEventsDeletion> delete(@PathParam("userId") String userId) {
        return linking.deleteUser(userId);
    }
}
