package io.magpie.gateway.rest;

import io.magpie.api.keys.ApiKeyScope;
import io.magpie.api.keys.IssuedApiKey;
import io.magpie.api.keys.NewApiKey;
import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.gateway.console.ConsolePages;
import io.magpie.gateway.console.ConsoleSession;
import io.magpie.gateway.console.ConsoleSessions;
import io.magpie.gateway.service.ApiKeyService;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The console's API keys page: list, create (the secret is shown on the answer to the form, once) and revoke. It
 * calls the gateway's own key service, as the admin API does.
 */
@Path("/admin/keys")
@Produces(ConsolePages.HTML)
@Tag(name = "Admin console (HTML)", description = "The admin web console's pages and forms")
public class ConsoleKeysResource {

    private static final Logger LOG = Logger.getLogger(ConsoleKeysResource.class);

    private final ConsoleSessions sessions;
    private final ApiKeyService keys;
    private final Template keysPage;

    public ConsoleKeysResource(
            ConsoleSessions sessions, ApiKeyService keys, @Location("admin/keys") Template keysPage) {
        this.sessions = sessions;
        this.keys = keys;
        this.keysPage = keysPage;
    }

    @GET
    public Uni<Response> page(@CookieParam(ConsoleSessions.COOKIE) String cookie) {
        return page(200, frame(sessions.require(cookie)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> create(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @FormParam("name") String name,
            @FormParam("scope") String scope) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        TemplateInstance frame = frame(user).data("name", name).data("scope", scope);
        return Uni.createFrom()
                .deferred(() -> keys.create(new NewApiKey(name, scope)))
                .chain(issued -> page(201, frame.data("issued", issued)))
                .onFailure(ProblemException.class)
                .recoverWithUni(failure ->
                        page(((ProblemException) failure).status(), frame.data("errors", fieldErrors((ProblemException)
                                failure))));
    }

    @POST
    @Path("/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> revoke(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @PathParam("id") String id) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        return keys.revoke(id)
                .chain(revoked -> page(
                        200,
                        frame(user)
                                .data(
                                        "notice",
                                        "Key " + revoked.name() + " revoked: every gateway refuses it within "
                                                + "seconds.")))
                .onFailure(ProblemException.class)
                .recoverWithUni(failure ->
                        page(((ProblemException) failure).status(), frame(user).data("failure", failure.getMessage())));
    }

    /** The page with the list of keys; a key store that cannot be read is said on the page (503). */
    private Uni<Response> page(int status, TemplateInstance frame) {
        return keys.list()
                .map(list -> ConsolePages.page(status, frame.data("keys", list)))
                .onFailure(failure -> !(failure instanceof ProblemException))
                .recoverWithItem(failure -> {
                    LOG.warnf("API keys cannot be read: %s", failure.toString());
                    return ConsolePages.page(
                            503, frame.data("failure", "The API keys cannot be read now; try again shortly."));
                });
    }

    private TemplateInstance frame(ConsoleSession user) {
        return keysPage.data("csrf", user.csrfToken())
                .data("section", "keys")
                .data(
                        "scopes",
                        Arrays.stream(ApiKeyScope.values())
                                .map(s -> s.name().toLowerCase(java.util.Locale.ROOT))
                                .toList())
                .data("keys", java.util.List.of())
                .data("issued", (IssuedApiKey) null)
                .data("errors", Map.of())
                .data("name", null)
                .data("scope", null)
                .data("notice", null)
                .data("failure", null);
    }

    private static Map<String, String> fieldErrors(ProblemException problem) {
        Map<String, String> errors = new HashMap<>();
        for (Problem.FieldError error : problem.errors()) {
            errors.put(error.field(), error.message());
        }
        if (errors.isEmpty()) {
            errors.put("form", problem.getMessage());
        }
        return errors;
    }
}
