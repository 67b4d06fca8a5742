package io.magpie.gateway.rest;

import io.magpie.api.graph.admin.ComplementsPreview;
import io.magpie.api.graph.admin.ComplementsPreviewRequest;
import io.magpie.api.graph.admin.Neighbourhood;
import io.magpie.api.graph.admin.RelationInput;
import io.magpie.api.graph.admin.RelationView;
import io.magpie.gateway.console.ApiOutcome;
import io.magpie.gateway.console.ConsoleLinks;
import io.magpie.gateway.console.ConsoleNotices;
import io.magpie.gateway.console.ConsolePages;
import io.magpie.gateway.console.ConsoleSession;
import io.magpie.gateway.console.ConsoleSessions;
import io.magpie.gateway.console.FormValues;
import io.magpie.gateway.console.GraphConsole;
import io.magpie.gateway.console.ImpactPreview;
import io.magpie.gateway.console.NeighbourhoodDrawing;
import io.magpie.gateway.console.RelationForm;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The console's graph pages: find a node, see and edit it and its relations, preview a new relation's effect on
 * complements and publish it. Every change goes to kg-service's admin API with the signed-in user's key; its
 * refusals come back next to the fields they name.
 */
@Path("/admin/graph")
@Produces(ConsolePages.HTML)
@Tag(name = "Admin console (HTML)", description = "The admin web console's pages and forms")
public class ConsoleGraphResource {

    /** Curated types first: those are what merchandisers add. */
    /** A product's node ref is this label and its id. */
    private static final String PRODUCT = "Product:";

    static final List<String> RELATION_TYPES = List.of(
            "ACCESSORY_OF",
            "COMPATIBLE_WITH",
            "SUBSTITUTE_FOR",
            "ALSO_BOUGHT",
            "MADE_BY",
            "IN_CATEGORY",
            "CHILD_OF",
            "HAS");

    private final ConsoleSessions sessions;
    private final GraphConsole graph;
    private final FormValues forms;
    private final Template graphPage;
    private final Template nodePage;
    private final Template relationPage;
    private final Template previewPage;
    private final ImpactPreview impact;

    public ConsoleGraphResource(
            ConsoleSessions sessions,
            GraphConsole graph,
            FormValues forms,
            @Location("admin/graph") Template graphPage,
            @Location("admin/node") Template nodePage,
            @Location("admin/relation") Template relationPage,
            @Location("admin/preview") Template previewPage,
            ImpactPreview impact) {
        this.sessions = sessions;
        this.graph = graph;
        this.forms = forms;
        this.graphPage = graphPage;
        this.nodePage = nodePage;
        this.relationPage = relationPage;
        this.previewPage = previewPage;
        this.impact = impact;
    }

    @GET
    public Uni<Response> find(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @QueryParam("q") String q,
            @QueryParam("done") String done) {
        ConsoleSession user = sessions.require(cookie);
        if (q == null || q.isBlank()) {
            return Uni.createFrom()
                    .item(ConsolePages.page(frame(graphPage, user).data("notice", ConsoleNotices.of(done))));
        }
        return graph.find(user, q)
                .map(found -> ConsolePages.page(
                        found.ok() ? 200 : found.status(),
                        frame(graphPage, user)
                                .data("q", q)
                                .data("matches", found.value())
                                .data("qError", found.fields().get("q"))
                                .data(
                                        "failure",
                                        found.ok() || found.fields().containsKey("q") ? null : found.message())));
    }

    @POST
    @Path("/node")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> createNode(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @FormParam("ref") String ref,
            @FormParam("properties") String propertiesText) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        Map<String, Object> properties;
        try {
            properties = forms.properties(propertiesText);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom()
                    .item(createNodeRefused(
                            user, ref, propertiesText, 400, Map.of("properties", e.getMessage()), null));
        }
        return graph.createNode(user, ref == null ? "" : ref.strip(), properties)
                .map(created -> created.ok()
                        ? ConsolePages.redirect(
                                ConsoleLinks.node(created.value().ref()) + "&done=node-created")
                        : createNodeRefused(
                                user, ref, propertiesText, created.status(), created.fields(), created.message()));
    }

    private Response createNodeRefused(
            ConsoleSession user,
            String ref,
            String properties,
            int status,
            Map<String, String> fields,
            String failure) {
        return ConsolePages.page(
                status,
                frame(graphPage, user)
                        .data("newRef", ref)
                        .data("newProperties", properties)
                        .data("fields", fields)
                        .data("failure", failure));
    }

    @GET
    @Path("/node")
    public Uni<Response> node(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @QueryParam("ref") String ref,
            @QueryParam("done") String done) {
        ConsoleSession user = sessions.require(cookie);
        return nodePage(
                user, ref, RelationForm.freshFor(ref == null ? "" : ref), Map.of(), null, ConsoleNotices.of(done), 200);
    }

    @POST
    @Path("/node/update")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> updateNode(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @FormParam("ref") String ref,
            @FormParam("version") String version,
            @FormParam("properties") String propertiesText) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        FormValues.PropertiesEdit edit;
        try {
            edit = forms.propertiesEdit(version, propertiesText);
        } catch (IllegalArgumentException e) {
            return nodePage(
                    user, ref, RelationForm.freshFor(ref), Map.of("properties", e.getMessage()), null, null, 400);
        }
        return graph.updateNode(user, ref, edit.version(), edit.properties())
                .chain(updated -> updated.ok()
                        ? Uni.createFrom().item(ConsolePages.redirect(ConsoleLinks.node(ref) + "&done=saved"))
                        : nodePage(
                                user,
                                ref,
                                RelationForm.freshFor(ref),
                                updated.fields(),
                                updated.message(),
                                null,
                                updated.status()));
    }

    @POST
    @Path("/node/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> deleteNode(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @FormParam("ref") String ref,
            @FormParam("version") String version) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        long expected;
        try {
            expected = forms.version(version);
        } catch (IllegalArgumentException e) {
            return nodePage(user, ref, RelationForm.freshFor(ref), Map.of(), e.getMessage(), null, 400);
        }
        return graph.deleteNode(user, ref, expected)
                .chain(deleted -> deleted.ok()
                        ? Uni.createFrom().item(ConsolePages.redirect("/admin/graph?done=node-deleted"))
                        : nodePage(
                                user,
                                ref,
                                RelationForm.freshFor(ref),
                                deleted.fields(),
                                deleted.message(),
                                null,
                                deleted.status()));
    }

    /** Adds a relation: {@code action=preview} shows what it changes first, {@code action=publish} creates it. */
    @POST
    @Path("/relation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> addRelation(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @FormParam("action") String action,
            @FormParam("return") String returnRef,
            @FormParam("type") String type,
            @FormParam("from") String from,
            @FormParam("to") String to,
            @FormParam("weight") String weightText,
            @FormParam("products") String products,
            @FormParam("queries") String queries,
            @FormParam("users") String users) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        RelationForm form = new RelationForm(returnRef, type, from, to, weightText, products, queries, users);
        Map<String, Object> properties = new HashMap<>();
        try {
            Double weight = forms.weight(weightText);
            if (weight != null) {
                properties.put("weight", weight);
            }
        } catch (IllegalArgumentException e) {
            return nodePage(user, form.returnRef(), form, Map.of("weight", e.getMessage()), null, null, 400);
        }
        RelationInput relation = new RelationInput(form.type(), form.from(), form.to(), properties);
        if ("publish".equals(action)) {
            return graph.createRelation(user, relation)
                    .chain(created -> created.ok()
                            ? Uni.createFrom()
                                    .item(ConsolePages.redirect(
                                            ConsoleLinks.node(form.returnRef()) + "&done=relation-created"))
                            : nodePage(
                                    user,
                                    form.returnRef(),
                                    form,
                                    created.fields(),
                                    created.message(),
                                    null,
                                    created.status()));
        }
        List<String> productIds = form.productIds();
        Map<String, String> problems = new HashMap<>();
        if (productIds.isEmpty()
                && form.queryList().isEmpty()
                && form.userList().isEmpty()) {
            problems.put("productIds", "name the products, queries or users whose rankings to compare");
        }
        if (form.queryList().size() > ImpactPreview.MAX_SUBJECTS) {
            problems.put("queries", "name at most " + ImpactPreview.MAX_SUBJECTS + " queries");
        }
        if (form.userList().size() > ImpactPreview.MAX_SUBJECTS) {
            problems.put("users", "name at most " + ImpactPreview.MAX_SUBJECTS + " users");
        }
        if (productIds.size() > ImpactPreview.MAX_SUBJECTS) {
            problems.put("productIds", "name at most " + ImpactPreview.MAX_SUBJECTS + " products");
        }
        if (!problems.isEmpty()) {
            return nodePage(user, form.returnRef(), form, problems, null, null, 400);
        }
        Uni<ApiOutcome<ComplementsPreview>> complements = productIds.isEmpty()
                ? Uni.createFrom().item(ApiOutcome.success(null, null, 200))
                : graph.preview(user, new ComplementsPreviewRequest(relation, productIds, 10));
        return complements.chain(preview -> {
            if (!preview.ok()) {
                return nodePage(
                        user, form.returnRef(), form, preview.fields(), preview.message(), null, preview.status());
            }
            return graph.names(user, namedNodes(relation, productIds)).chain(names -> {
                Map<String, String> shown = new HashMap<>(names);
                productIds.forEach(id -> shown.put(id, names.getOrDefault(PRODUCT + id, id)));
                return impact.searches(user, relation, form.queryList())
                        .chain(searches -> impact.similarProducts(user, relation, productIds, shown)
                                .chain(similar -> impact.userRecommendations(user, relation, form.userList())
                                        .map(recommended -> ConsolePages.page(frame(previewPage, user)
                                                .data("relation", relationText(relation))
                                                .data("names", shown)
                                                .data("preview", preview.value())
                                                .data("searches", searches)
                                                .data("similar", similar)
                                                .data("recommended", recommended)
                                                .data("form", form)))));
            });
        });
    }

    /** The relation's ends and the previewed products, whose titles the preview page shows. */
    private static List<String> namedNodes(RelationInput relation, List<String> productIds) {
        List<String> refs = new ArrayList<>();
        refs.add(relation.from());
        refs.add(relation.to());
        productIds.forEach(id -> refs.add(PRODUCT + id));
        return refs;
    }

    private static String relationText(RelationInput relation) {
        return "(" + relation.from() + ")-[" + relation.type() + "]->(" + relation.to() + ")";
    }

    @GET
    @Path("/relation")
    public Uni<Response> relation(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @QueryParam("type") String type,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("done") String done) {
        ConsoleSession user = sessions.require(cookie);
        return relationPage(user, type, from, to, Map.of(), null, ConsoleNotices.of(done), 200);
    }

    @POST
    @Path("/relation/update")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> updateRelation(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @FormParam("type") String type,
            @FormParam("from") String from,
            @FormParam("to") String to,
            @FormParam("version") String version,
            @FormParam("properties") String propertiesText) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        FormValues.PropertiesEdit edit;
        try {
            edit = forms.propertiesEdit(version, propertiesText);
        } catch (IllegalArgumentException e) {
            return relationPage(user, type, from, to, Map.of("properties", e.getMessage()), null, null, 400);
        }
        return graph.updateRelation(user, type, from, to, edit.version(), edit.properties())
                .chain(updated -> updated.ok()
                        ? Uni.createFrom()
                                .item(ConsolePages.redirect(ConsoleLinks.relation(type, from, to) + "&done=saved"))
                        : relationPage(
                                user, type, from, to, updated.fields(), updated.message(), null, updated.status()));
    }

    @POST
    @Path("/relation/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> deleteRelation(
            @CookieParam(ConsoleSessions.COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @FormParam("type") String type,
            @FormParam("from") String from,
            @FormParam("to") String to,
            @FormParam("version") String version) {
        ConsoleSession user = sessions.requireForChange(cookie, csrf);
        long expected;
        try {
            expected = forms.version(version);
        } catch (IllegalArgumentException e) {
            return relationPage(user, type, from, to, Map.of(), e.getMessage(), null, 400);
        }
        return graph.deleteRelation(user, type, from, to, expected)
                .chain(deleted -> deleted.ok()
                        ? Uni.createFrom()
                                .item(ConsolePages.redirect(ConsoleLinks.node(from) + "&done=relation-removed"))
                        : relationPage(
                                user, type, from, to, deleted.fields(), deleted.message(), null, deleted.status()));
    }

    /** A node's page, read afresh (after a refusal too, so that a reload shows the current versions). */
    private Uni<Response> nodePage(
            ConsoleSession user,
            String ref,
            RelationForm form,
            Map<String, String> fields,
            String failure,
            String notice,
            int status) {
        return graph.neighbourhood(user, ref).map(found -> {
            if (!found.ok()) {
                return ConsolePages.page(found.status(), frame(graphPage, user).data("failure", found.message()));
            }
            Neighbourhood neighbourhood = found.value();
            return ConsolePages.page(
                    status,
                    frame(nodePage, user)
                            .data("node", neighbourhood.node())
                            .data("relations", neighbourhood.relations())
                            .data("truncated", neighbourhood.truncated())
                            .data("drawing", NeighbourhoodDrawing.of(neighbourhood))
                            .data("propertiesJson", forms.editableJson(neighbourhood.node()))
                            .data("types", RELATION_TYPES)
                            .data("form", form)
                            .data("fields", fields)
                            .data("failure", failure)
                            .data("notice", notice));
        });
    }

    private Uni<Response> relationPage(
            ConsoleSession user,
            String type,
            String from,
            String to,
            Map<String, String> fields,
            String failure,
            String notice,
            int status) {
        return graph.relation(user, type, from, to).chain(found -> {
            if (!found.ok()) {
                return Uni.createFrom()
                        .item(ConsolePages.page(
                                found.status(),
                                frame(graphPage, user).data("failure", failure != null ? failure : found.message())));
            }
            RelationView relation = found.value();
            return graph.names(user, List.of(relation.from(), relation.to()))
                    .map(names -> ConsolePages.page(
                            status,
                            frame(relationPage, user)
                                    .data("relation", relation)
                                    .data("names", names)
                                    .data("version", relation.version())
                                    .data("propertiesJson", forms.pretty(relation.properties()))
                                    .data("fields", fields)
                                    .data("failure", failure)
                                    .data("notice", notice)));
        });
    }

    private static TemplateInstance frame(Template page, ConsoleSession user) {
        return page.data("csrf", user.csrfToken())
                .data("section", "graph")
                .data("fields", Map.of())
                .data("notice", null)
                .data("failure", null);
    }
}
