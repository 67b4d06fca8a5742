package io.magpie.gateway.rest;

import io.magpie.gateway.console.ConsolePages;
import io.magpie.gateway.console.ConsoleSession;
import io.magpie.gateway.console.ConsoleSessions;
import io.magpie.gateway.console.GraphConsole;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The console's bulk import: a dry run reports every line first; only a clean dry run offers to apply. */
@Path("/admin/import")
@Produces(ConsolePages.HTML)
@Tag(name = "Admin console (HTML)", description = "The admin web console's pages and forms")
public class ConsoleImportResource {

    private final ConsoleSessions sessions;
    private final GraphConsole graph;
    private final Template importPage;

    public ConsoleImportResource(
            ConsoleSessions sessions, GraphConsole graph, @Location("admin/import") Template importPage) {
        this.sessions = sessions;
        this.graph = graph;
        this.importPage = importPage;
    }

    @GET
    public Response page(@CookieParam(ConsoleSessions.COOKIE) String cookie) {
        return ConsolePages.page(frame(sessions.require(cookie), "json", ""));
    }

    /** {@code action=check} is a dry run; {@code action=apply} imports. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> run(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @FormParam("action") String action,
            @FormParam("format") String format,
            @FormParam("body") String body) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        String kind = "csv".equals(format) ? "csv" : "json";
        if (body == null || body.isBlank()) {
            return Uni.createFrom()
                    .item(ConsolePages.page(400, frame(user, kind, "").data("bodyError", "Paste the data to import.")));
        }
        boolean dryRun = !"apply".equals(action);
        return graph.importGraph(user, body, kind.equals("csv") ? "text/csv" : "application/json", dryRun)
                .map(outcome -> ConsolePages.page(
                        outcome.ok() || outcome.status() == 422 ? 200 : outcome.status(),
                        frame(user, kind, body)
                                .data("report", outcome.value())
                                .data("bodyError", outcome.value() == null ? outcome.message() : null)
                                .data("notice", outcome.ok() && !dryRun ? "Imported." : null)
                                .data("failure", outcome.status() == 422 ? "Refused: " + outcome.message() : null)));
    }

    private TemplateInstance frame(ConsoleSession user, String format, String body) {
        return importPage
                .data("csrf", user.csrfToken())
                .data("section", "import")
                .data("format", format)
                .data("body", body)
                .data("report", null)
                .data("bodyError", null)
                .data("notice", null)
                .data("failure", null);
    }
}
