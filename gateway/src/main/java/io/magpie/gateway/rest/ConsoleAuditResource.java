package io.magpie.gateway.rest;

import io.magpie.api.graph.admin.AuditPage;
import io.magpie.gateway.console.ConsoleNotices;
import io.magpie.gateway.console.ConsolePages;
import io.magpie.gateway.console.ConsoleSession;
import io.magpie.gateway.console.ConsoleSessions;
import io.magpie.gateway.console.GraphConsole;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The console's audit log page: filter the graph's edits and undo one. */
@Path("/admin/audit")
@Produces(ConsolePages.HTML)
@Tag(name = "Admin console (HTML)", description = "The admin web console's pages and forms")
public class ConsoleAuditResource {

    static final List<String> OPERATIONS = List.of(
            "create_node", "update_node", "delete_node", "create_relation", "update_relation", "delete_relation");

    private final ConsoleSessions sessions;
    private final GraphConsole graph;
    private final Template auditPage;

    public ConsoleAuditResource(
            ConsoleSessions sessions, GraphConsole graph, @Location("admin/audit") Template auditPage) {
        this.sessions = sessions;
        this.graph = graph;
        this.auditPage = auditPage;
    }

    @GET
    public Uni<Response> list(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @QueryParam("entity") String entity,
            @QueryParam("actor") String actor,
            @QueryParam("operation") String operation,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") String page,
            @QueryParam("done") String done) {
        ConsoleSession user = sessions.require(cookie);
        return page(user, filters(entity, actor, operation, from, to, page), ConsoleNotices.of(done), null);
    }

    @POST
    @Path("/{id}/undo")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> undo(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @FormParam("entity") String entity,
            @FormParam("actor") String actor,
            @FormParam("operation") String operation,
            @FormParam("from") String from,
            @FormParam("to") String to,
            @FormParam("page") String page,
            @PathParam("id") long id) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        // back to the page the undo was pressed on, its filters kept
        Map<String, String> filters = filters(entity, actor, operation, from, to, page);
        return graph.undo(user, id)
                .chain(undone -> undone.ok()
                        ? Uni.createFrom()
                                .item(ConsolePages.redirect("/admin/audit?done=undone" + query(filters, true)))
                        : page(user, filters, null, undone.message()));
    }

    /** Every filter, set or not, so that the page can show each. */
    private static Map<String, String> filters(
            String entity, String actor, String operation, String from, String to, String page) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("entity", entity);
        filters.put("actor", actor);
        filters.put("operation", operation);
        filters.put("from", from);
        filters.put("to", to);
        filters.put("page", page);
        return filters;
    }

    private Uni<Response> page(ConsoleSession user, Map<String, String> filters, String notice, String failure) {
        return graph.audit(user, filters)
                .map(found -> ConsolePages.page(
                        found.ok() ? 200 : found.status(),
                        auditPage
                                .data("csrf", user.csrfToken())
                                .data("section", "audit")
                                .data("operations", OPERATIONS)
                                .data("filters", filters)
                                .data("page", found.value())
                                .data("fields", found.fields())
                                .data("previousPage", found.ok() ? pageLink(filters, found.value(), -1) : null)
                                .data("nextPage", found.ok() ? pageLink(filters, found.value(), +1) : null)
                                .data("notice", notice)
                                .data("failure", failure != null ? failure : found.ok() ? null : found.message())));
    }

    /** The address of the page {@code step} away, or null past either end. */
    private static String pageLink(Map<String, String> filters, AuditPage page, int step) {
        int target = page.page() + step;
        if (target < 0 || (long) target * page.size() >= page.total()) {
            return null;
        }
        return "/admin/audit?page=" + target + query(filters, false);
    }

    /** The filters that are set, each as {@code &name=value}; the page number only when withPage. */
    private static String query(Map<String, String> filters, boolean withPage) {
        StringBuilder query = new StringBuilder();
        filters.forEach((name, value) -> {
            if ((withPage || !name.equals("page")) && value != null && !value.isBlank()) {
                query.append('&').append(name).append('=').append(encode(value));
            }
        });
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
