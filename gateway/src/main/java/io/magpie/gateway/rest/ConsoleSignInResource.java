package io.magpie.gateway.rest;

import io.magpie.gateway.console.ConsolePages;
import io.magpie.gateway.console.ConsoleSession;
import io.magpie.gateway.console.ConsoleSessions;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The admin console's door: sign in with an admin key, sign out. */
@Path("/admin")
@Produces(ConsolePages.HTML)
@Tag(name = "Admin console (HTML)", description = "The admin web console's pages and forms")
public class ConsoleSignInResource {

    private final ConsoleSessions sessions;
    private final Template signIn;

    public ConsoleSignInResource(ConsoleSessions sessions, @Location("admin/sign-in") Template signIn) {
        this.sessions = sessions;
        this.signIn = signIn;
    }

    @GET
    public Response home(@CookieParam(ConsoleSessions.COOKIE) String cookie) {
        return ConsolePages.redirect(
                sessions.current(cookie).isPresent() ? "/admin/graph" : ConsoleSessions.SIGN_IN_PAGE);
    }

    @GET
    @Path("/sign-in")
    public Response signInPage() {
        return ConsolePages.page(signIn.instance());
    }

    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signIn(@FormParam("key") String key) {
        if (key == null || key.isBlank()) {
            return Uni.createFrom().item(ConsolePages.page(400, signIn.data("keyError", "Enter an admin key.")));
        }
        return sessions.isAdminKey(key)
                .map(admin -> {
                    if (!admin) {
                        return ConsolePages.page(
                                401,
                                signIn.data(
                                        "keyError",
                                        "This is not an admin key; storefront and trusted keys cannot sign in."));
                    }
                    ConsoleSession session = sessions.start(key);
                    return Response.seeOther(URI.create("/admin/graph"))
                            .cookie(sessions.cookie(session))
                            .build();
                })
                .onFailure()
                .recoverWithItem(failure -> ConsolePages.page(
                        503, signIn.data("keyError", "API keys cannot be checked now; retry shortly.")));
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@CookieParam(ConsoleSessions.COOKIE) String cookie, @FormParam("csrf") String csrf) {
        sessions.requireForChange(cookie, csrf);
        return Response.seeOther(URI.create(ConsoleSessions.SIGN_IN_PAGE))
                .cookie(sessions.signedOutCookie())
                .build();
    }
}
