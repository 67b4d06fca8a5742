package io.magpie.kg.rest;

import io.magpie.api.graph.admin.ComplementsPreview;
import io.magpie.api.graph.admin.ComplementsPreviewRequest;
import io.magpie.api.graph.admin.ExpansionPreview;
import io.magpie.api.graph.admin.ExpansionPreviewRequest;
import io.magpie.api.graph.admin.Neighbourhood;
import io.magpie.api.graph.admin.NodeMatch;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.QueryParameters;
import io.magpie.api.security.AdminActor;
import io.magpie.api.security.AdminOnly;
import io.magpie.kg.edit.Actor;
import io.magpie.kg.edit.ComplementsPreviewService;
import io.magpie.kg.edit.ExpansionPreviewService;
import io.magpie.kg.edit.GraphBrowseStore;
import io.magpie.kg.edit.NodeRef;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What an admin needs before editing: find a node, see its relations, preview what a new relation would change. */
@Path("/v1/admin/graph")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Graph administration", description = "Create, update and delete nodes and relations (admin keys)")
public class GraphBrowseResource {

    static final int MAX_TEXT_LENGTH = 200;

    private final GraphBrowseStore browse;
    private final ComplementsPreviewService previews;
    private final ExpansionPreviewService expansionPreviews;

    public GraphBrowseResource(
            GraphBrowseStore browse, ComplementsPreviewService previews, ExpansionPreviewService expansionPreviews) {
        this.browse = browse;
        this.previews = previews;
        this.expansionPreviews = expansionPreviews;
    }

    @GET
    @Path("/find")
    @Operation(
            summary = "Find nodes by name",
            description = "Products by exact id, or whose title or id contains q; brands, category paths and "
                    + "attribute values containing q (case-insensitive).")
    @APIResponse(responseCode = "200", description = "Matches, exact product ids and short names first")
    @APIResponse(responseCode = "400", description = "q missing or too long, or a bad limit")
    public Uni<List<NodeMatch>> find(@QueryParam("q") String q, @QueryParam("limit") String limitParam) {
        FieldErrors problems = new FieldErrors();
        String text = q == null ? "" : q.strip();
        if (text.isEmpty()) {
            problems.add("q", "is missing: a product id or part of a name");
        } else if (text.length() > MAX_TEXT_LENGTH) {
            problems.add("q", "is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        problems.throwIfAny();
        return browse.find(text, QueryParameters.integer("limit", limitParam, 20, 1, 100));
    }

    @GET
    @Path("/neighbourhood")
    @Operation(
            summary = "A node and its relations",
            description = "ref is Label:key; curated relations come first, at most limit of them.")
    @APIResponse(responseCode = "200", description = "The node with its relations and their edit versions")
    @APIResponse(responseCode = "404", description = "No such node")
    public Uni<Neighbourhood> neighbourhood(@QueryParam("ref") String ref, @QueryParam("limit") String limitParam) {
        FieldErrors problems = new FieldErrors();
        NodeRef node = problems.check("ref", () -> NodeRef.parse(ref));
        problems.throwIfAny();
        return browse.neighbourhood(node, QueryParameters.integer("limit", limitParam, 50, 1, 500));
    }

    @POST
    @Path("/preview/complements")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Preview a new relation's effect on complements",
            description = "Writes the relation in a transaction, with the checks of a creation, reads the products' "
                    + "complements before and after, and rolls the transaction back: nothing is committed or "
                    + "audited, and shoppers see no change.")
    @APIResponse(responseCode = "200", description = "Complements before and after per product, and what moved")
    @APIResponse(responseCode = "400", description = "Invalid relation, product ids or k; the problem names each")
    @APIResponse(responseCode = "404", description = "A product to compare is not in the graph")
    @APIResponse(responseCode = "409", description = "The relation exists already, or an end node is missing")
    public Uni<ComplementsPreview> previewComplements(
            ComplementsPreviewRequest request, @Parameter(hidden = true) @HeaderParam(AdminActor.HEADER) String actor) {
        return previews.preview(request, Actor.of(actor));
    }

    @POST
    @Path("/preview/expand")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Preview a new relation's effect on graph candidates of searches and recommendations",
            description = "Computes each expansion (as POST /v1/expand: query text, seeds, history, k) in a "
                    + "transaction, writes the relation there with the checks of a creation, computes them again and "
                    + "rolls the transaction back: nothing is committed or audited, and shoppers see no change. The "
                    + "gateway's console fuses both candidate lists with the other sources' (docs/adr/0023).")
    @APIResponse(responseCode = "200", description = "Graph candidates before and after, per expansion")
    @APIResponse(responseCode = "400", description = "Invalid relation or expansions; the problem names each")
    @APIResponse(responseCode = "409", description = "The relation exists already, or an end node is missing")
    public Uni<ExpansionPreview> previewExpansions(
            ExpansionPreviewRequest request, @Parameter(hidden = true) @HeaderParam(AdminActor.HEADER) String actor) {
        return expansionPreviews.preview(request, Actor.of(actor));
    }
}
