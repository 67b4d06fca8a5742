package io.magpie.gateway.rest;

import io.magpie.gateway.console.ApiOutcome;
import io.magpie.gateway.console.ConsoleNotices;
import io.magpie.gateway.console.ConsolePages;
import io.magpie.gateway.console.ConsoleSession;
import io.magpie.gateway.console.ConsoleSessions;
import io.magpie.gateway.console.OperationsConsole;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The console's operations page: indexing, dead letters, reindex, model versions. */
@Path("/admin/operations")
@Produces(ConsolePages.HTML)
@Tag(name = "Admin console (HTML)", description = "The admin web console's pages and forms")
public class ConsoleOperationsResource {

    private static final String PAGE = "/admin/operations";

    private final ConsoleSessions sessions;
    private final OperationsConsole operations;
    private final Template operationsPage;
    private final Template reindexFragment;

    public ConsoleOperationsResource(
            ConsoleSessions sessions,
            OperationsConsole operations,
            @Location("admin/operations") Template operationsPage,
            @Location("admin/reindex-progress") Template reindexFragment) {
        this.sessions = sessions;
        this.operations = operations;
        this.operationsPage = operationsPage;
        this.reindexFragment = reindexFragment;
    }

    @GET
    public Uni<Response> page(@CookieParam(ConsoleSessions.COOKIE) String cookie, @QueryParam("done") String done) {
        return page(sessions.require(cookie), ConsoleNotices.of(done), null);
    }

    /** The reindex box alone, which the page polls (htmx) while a reindex runs. */
    @GET
    @Path("/reindex")
    public Uni<Response> reindexProgress(@CookieParam(ConsoleSessions.COOKIE) String cookie) {
        ConsoleSession user = sessions.require(cookie);
        return operations
                .reindex(user)
                .map(reindex -> ConsolePages.page(
                        reindexFragment.data("reindex", reindex).data("csrf", user.csrfToken())));
    }

    @POST
    @Path("/reindex")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> startReindex(
            @CookieParam(ConsoleSessions.COOKIE) String cookie, @FormParam("csrf") String csrf) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        return after(user, operations.startReindex(user), "reindex-started");
    }

    @POST
    @Path("/dead-letters/{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> retry(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @PathParam("id") String id) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        return after(user, operations.retryDeadLetter(user, id), "retried");
    }

    @POST
    @Path("/dead-letters/{id}/discard")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> discard(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @PathParam("id") String id) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        return after(user, operations.discardDeadLetter(user, id), "discarded");
    }

    @POST
    @Path("/encoder/activate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> activateEncoder(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @FormParam("name") String name,
            @FormParam("version") String version) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        return after(user, operations.activateEncoder(user, name, version), "activated");
    }

    @POST
    @Path("/fusion/activate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> activateFusion(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @FormParam("model") String model) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        return after(user, operations.activateFusion(user, model), "activated");
    }

    @POST
    @Path("/fusion/rollback")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> rollbackFusion(
            @CookieParam(ConsoleSessions.COOKIE) String cookie, @FormParam("csrf") String csrf) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        return after(user, operations.rollbackFusion(user), "activated"); // a rollback is an activation
    }

    private Uni<Response> after(ConsoleSession user, Uni<? extends ApiOutcome<?>> change, String done) {
        return change.chain(outcome -> outcome.ok()
                ? Uni.createFrom().item(ConsolePages.redirect(PAGE + "?done=" + done))
                : page(user, null, outcome.message()));
    }

    private Uni<Response> page(ConsoleSession user, String notice, String failure) {
        return operations
                .overview(user)
                .map(overview -> ConsolePages.page(operationsPage
                        .data("csrf", user.csrfToken())
                        .data("section", "operations")
                        .data("overview", overview)
                        .data("reindex", overview.reindex())
                        .data("notice", notice)
                        .data("failure", failure)));
    }
}
