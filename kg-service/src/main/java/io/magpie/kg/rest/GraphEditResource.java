package io.magpie.kg.rest;

import io.magpie.api.graph.admin.NodeInput;
import io.magpie.api.graph.admin.NodeView;
import io.magpie.api.graph.admin.PropertiesInput;
import io.magpie.api.graph.admin.RelationInput;
import io.magpie.api.graph.admin.RelationView;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.security.AdminActor;
import io.magpie.api.security.AdminOnly;
import io.magpie.kg.edit.Actor;
import io.magpie.kg.edit.EntityState;
import io.magpie.kg.edit.GraphEditService;
import io.magpie.kg.edit.NodeRef;
import io.magpie.kg.edit.RelationRef;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin editing of single nodes and relations. Reads and writes answer with the edit version as {@code ETag};
 * updates and deletes must send it back in {@code If-Match} and are refused with 409 when it is stale.
 */
@Path("/v1/admin/graph")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Graph administration", description = "Create, update and delete nodes and relations (admin keys)")
public class GraphEditResource {

    private final GraphEditService edits;

    public GraphEditResource(GraphEditService edits) {
        this.edits = edits;
    }

    @GET
    @Path("/nodes")
    @Operation(summary = "Read a node", description = "ref is Label:key, e.g. Product:B0123 or Attribute:color=Red.")
    @APIResponse(responseCode = "200", description = "The node; its edit version is the ETag")
    @APIResponse(responseCode = "404", description = "No such node")
    public Uni<Response> node(@QueryParam("ref") String ref) {
        NodeRef node = nodeRef(ref);
        return edits.read(node).map(state -> withVersion(Response.ok(nodeView(node, state)), state));
    }

    @POST
    @Path("/nodes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a node", description = "Audited; the new node has edit version 1.")
    @APIResponse(responseCode = "201", description = "Created; the ETag is its edit version")
    @APIResponse(responseCode = "400", description = "Invalid ref or properties; the problem names each")
    @APIResponse(responseCode = "409", description = "The node exists already")
    public Uni<Response> createNode(
            NodeInput input, @Parameter(hidden = true) @HeaderParam(AdminActor.HEADER) String actor) {
        return edits.createNode(input, Actor.of(actor)).map(state -> {
            NodeRef node = NodeRef.parse(input.ref());
            return withVersion(Response.status(201).entity(nodeView(node, state)), state);
        });
    }

    @PUT
    @Path("/nodes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace a node's properties",
            description = "Replaces every editable property (key and catalogue version stay). Needs If-Match.")
    @APIResponse(responseCode = "200", description = "Updated; the ETag is the new edit version")
    @APIResponse(responseCode = "409", description = "If-Match names a stale version")
    @APIResponse(responseCode = "428", description = "No If-Match")
    public Uni<Response> updateNode(
            @QueryParam("ref") String ref,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            PropertiesInput input,
            @Parameter(hidden = true) @HeaderParam(AdminActor.HEADER) String actor) {
        NodeRef node = nodeRef(ref);
        long expected = expectedVersion(ifMatch);
        return edits.update(node, expected, input, Actor.of(actor))
                .map(state -> withVersion(Response.ok(nodeView(node, state)), state));
    }

    @DELETE
    @Path("/nodes")
    @Operation(summary = "Delete a node", description = "Only a node without relations. Needs If-Match.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Stale If-Match, or the node still has relations")
    public Uni<Void> deleteNode(
            @QueryParam("ref") String ref,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(hidden = true) @HeaderParam(AdminActor.HEADER) String actor) {
        NodeRef node = nodeRef(ref);
        return edits.delete(node, expectedVersion(ifMatch), Actor.of(actor));
    }

    @GET
    @Path("/relations")
    @Operation(summary = "Read a relation", description = "(from)-[type]->(to); from and to are node refs.")
    @APIResponse(responseCode = "200", description = "The relation; its edit version is the ETag")
    @APIResponse(responseCode = "404", description = "No such relation")
    public Uni<Response> relation(
            @QueryParam("type") String type, @QueryParam("from") String from, @QueryParam("to") String to) {
        RelationRef relation = RelationRef.of(type, from, to);
        return edits.read(relation).map(state -> withVersion(Response.ok(relationView(relation, state)), state));
    }

    @POST
    @Path("/relations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a relation",
            description = "Both ends must exist; the type must link their labels; no self-loops. Audited.")
    @APIResponse(responseCode = "201", description = "Created; the ETag is its edit version")
    @APIResponse(responseCode = "400", description = "Unknown type, wrong end labels, self-loop, bad properties")
    @APIResponse(responseCode = "409", description = "It exists already, or an end node is missing")
    public Uni<Response> createRelation(
            RelationInput input, @Parameter(hidden = true) @HeaderParam(AdminActor.HEADER) String actor) {
        return edits.createRelation(input, Actor.of(actor)).map(state -> {
            RelationRef relation = RelationRef.of(input.type(), input.from(), input.to());
            return withVersion(Response.status(201).entity(relationView(relation, state)), state);
        });
    }

    @PUT
    @Path("/relations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a relation's properties", description = "Needs If-Match.")
    @APIResponse(responseCode = "200", description = "Updated; the ETag is the new edit version")
    @APIResponse(responseCode = "409", description = "If-Match names a stale version")
    @APIResponse(responseCode = "428", description = "No If-Match")
    public Uni<Response> updateRelation(
            @QueryParam("type") String type,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            PropertiesInput input,
            @Parameter(hidden = true) @HeaderParam(AdminActor.HEADER) String actor) {
        RelationRef relation = RelationRef.of(type, from, to);
        long expected = expectedVersion(ifMatch);
        return edits.update(relation, expected, input, Actor.of(actor))
                .map(state -> withVersion(Response.ok(relationView(relation, state)), state));
    }

    @DELETE
    @Path("/relations")
    @Operation(summary = "Delete a relation", description = "Needs If-Match.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "If-Match names a stale version")
    public Uni<Void> deleteRelation(
            @QueryParam("type") String type,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(hidden = true) @HeaderParam(AdminActor.HEADER) String actor) {
        RelationRef relation = RelationRef.of(type, from, to);
        return edits.delete(relation, expectedVersion(ifMatch), Actor.of(actor));
    }

    static NodeView nodeView(NodeRef ref, EntityState state) {
        return new NodeView(ref.toString(), ref.label().label(), state.properties(), state.version());
    }

    static RelationView relationView(RelationRef ref, EntityState state) {
        return new RelationView(
                ref.type().name(), ref.from().toString(), ref.to().toString(), state.properties(), state.version());
    }

    private static NodeRef nodeRef(String ref) {
        FieldErrors problems = new FieldErrors();
        NodeRef node = problems.check("ref", () -> NodeRef.parse(ref));
        problems.throwIfAny();
        return node;
    }

    private static Response withVersion(Response.ResponseBuilder response, EntityState state) {
        return response.tag(new EntityTag(Long.toString(state.version()))).build();
    }

    /** The edit version named by {@code If-Match: "3"} (a weak tag is read the same). */
    static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(
                    428,
                    "Precondition required",
                    "send If-Match with the ETag of the version "
                            + "the edit is based on (read it first), so that a concurrent edit is not overwritten");
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("If-Match", "'" + ifMatch + "' is not an ETag this API gave out");
        }
    }
}
