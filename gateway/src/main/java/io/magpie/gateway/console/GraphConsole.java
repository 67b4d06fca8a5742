package io.magpie.gateway.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.graph.admin.AuditEntry;
import io.magpie.api.graph.admin.AuditPage;
import io.magpie.api.graph.admin.ComplementsPreview;
import io.magpie.api.graph.admin.ComplementsPreviewRequest;
import io.magpie.api.graph.admin.ExpansionPreview;
import io.magpie.api.graph.admin.ExpansionPreviewRequest;
import io.magpie.api.graph.admin.ImportReport;
import io.magpie.api.graph.admin.Neighbourhood;
import io.magpie.api.graph.admin.NodeMatch;
import io.magpie.api.graph.admin.NodeView;
import io.magpie.api.graph.admin.PropertiesInput;
import io.magpie.api.graph.admin.RelationInput;
import io.magpie.api.graph.admin.RelationView;
import io.magpie.gateway.client.AdminApiClient;
import io.magpie.gateway.client.AdminApiClient.Answer;
import io.magpie.gateway.client.AdminApiClient.Service;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The console's calls of kg-service's graph admin API, made with the signed-in user's admin key. */
@ApplicationScoped
public class GraphConsole {

    private static final String BASE = "/v1/admin/graph";

    private final ConsoleApiCalls calls;
    private final AdminApiClient api;
    private final ObjectMapper json;

    public GraphConsole(ConsoleApiCalls calls, AdminApiClient api, ObjectMapper json) {
        this.calls = calls;
        this.api = api;
        this.json = json;
    }

    private <T> Uni<ApiOutcome<T>> get(ConsoleSession user, String path, TypeReference<T> type) {
        return calls.get(Service.KNOWLEDGE_GRAPH, user, path, type);
    }

    private <T> Uni<ApiOutcome<T>> send(
            ConsoleSession user, String method, String path, String ifMatch, Object body, Class<T> type) {
        return calls.send(Service.KNOWLEDGE_GRAPH, user, method, path, ifMatch, body, type);
    }

    public Uni<ApiOutcome<List<NodeMatch>>> find(ConsoleSession user, String text) {
        return get(user, BASE + "/find?q=" + encode(text), new TypeReference<>() {});
    }

    public Uni<ApiOutcome<Neighbourhood>> neighbourhood(ConsoleSession user, String ref) {
        return get(user, BASE + "/neighbourhood?ref=" + encode(ref), new TypeReference<>() {});
    }

    public Uni<ApiOutcome<NodeView>> node(ConsoleSession user, String ref) {
        return get(user, BASE + "/nodes?ref=" + encode(ref), new TypeReference<>() {});
    }

    /**
     * What a person reads for each node (a product's title, else its name), by ref; a node without either, or one
     * that cannot be read, keeps its ref, so a page can always name it.
     */
    public Uni<Map<String, String>> names(ConsoleSession user, List<String> refs) {
        List<String> distinct = refs.stream()
                .filter(ref -> ref != null && !ref.isBlank())
                .distinct()
                .toList();
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<Map.Entry<String, String>>> lookups = distinct.stream()
                .map(ref -> node(user, ref).map(found -> Map.entry(ref, found.ok() ? name(found.value()) : ref)))
                .toList();
        return Uni.join().all(lookups).andFailFast().map(entries -> {
            Map<String, String> names = new LinkedHashMap<>();
            entries.forEach(entry -> names.put(entry.getKey(), entry.getValue()));
            return names;
        });
    }

    private static String name(NodeView node) {
        for (String property : List.of("title", "name")) {
            Object value = node.properties().get(property);
            if (value != null && !value.toString().isBlank()) {
                return value.toString();
            }
        }
        return node.ref();
    }

    public Uni<ApiOutcome<NodeView>> createNode(ConsoleSession user, String ref, Map<String, Object> properties) {
        return send(user, "POST", BASE + "/nodes", null, Map.of("ref", ref, "properties", properties), NodeView.class);
    }

    public Uni<ApiOutcome<NodeView>> updateNode(
            ConsoleSession user, String ref, long version, Map<String, Object> properties) {
        return send(
                user,
                "PUT",
                BASE + "/nodes?ref=" + encode(ref),
                etag(version),
                new PropertiesInput(properties),
                NodeView.class);
    }

    public Uni<ApiOutcome<Void>> deleteNode(ConsoleSession user, String ref, long version) {
        return send(user, "DELETE", BASE + "/nodes?ref=" + encode(ref), etag(version), null, Void.class);
    }

    public Uni<ApiOutcome<RelationView>> relation(ConsoleSession user, String type, String from, String to) {
        return get(user, BASE + "/relations?" + relationQuery(type, from, to), new TypeReference<>() {});
    }

    public Uni<ApiOutcome<RelationView>> createRelation(ConsoleSession user, RelationInput relation) {
        return send(user, "POST", BASE + "/relations", null, relation, RelationView.class);
    }

    public Uni<ApiOutcome<RelationView>> updateRelation(
            ConsoleSession user, String type, String from, String to, long version, Map<String, Object> properties) {
        return send(
                user,
                "PUT",
                BASE + "/relations?" + relationQuery(type, from, to),
                etag(version),
                new PropertiesInput(properties),
                RelationView.class);
    }

    public Uni<ApiOutcome<Void>> deleteRelation(
            ConsoleSession user, String type, String from, String to, long version) {
        return send(
                user, "DELETE", BASE + "/relations?" + relationQuery(type, from, to), etag(version), null, Void.class);
    }

    public Uni<ApiOutcome<ComplementsPreview>> preview(ConsoleSession user, ComplementsPreviewRequest request) {
        return send(user, "POST", BASE + "/preview/complements", null, request, ComplementsPreview.class);
    }

    public Uni<ApiOutcome<ExpansionPreview>> previewExpansions(ConsoleSession user, ExpansionPreviewRequest request) {
        return send(user, "POST", BASE + "/preview/expand", null, request, ExpansionPreview.class);
    }

    /** @param filters entity, actor, operation, from, to, page: blank ones are left out */
    public Uni<ApiOutcome<AuditPage>> audit(ConsoleSession user, Map<String, String> filters) {
        StringBuilder query = new StringBuilder(BASE + "/audit?size=50");
        filters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                query.append('&').append(name).append('=').append(encode(value.strip()));
            }
        });
        return get(user, query.toString(), new TypeReference<>() {});
    }

    public Uni<ApiOutcome<AuditEntry>> undo(ConsoleSession user, long entry) {
        return send(user, "POST", BASE + "/audit/" + entry + "/undo", null, null, AuditEntry.class);
    }

    /** @param contentType {@code application/json} or {@code text/csv} */
    public Uni<ApiOutcome<ImportReport>> importGraph(
            ConsoleSession user, String body, String contentType, boolean dryRun) {
        return api.call(
                        Service.KNOWLEDGE_GRAPH,
                        "POST",
                        BASE + "/import" + (dryRun ? "?dryRun=true" : ""),
                        user.adminKey(),
                        null,
                        contentType,
                        body)
                .map(answer -> importOutcome(answer));
    }

    /** A refused import (422) still carries its report; the page shows it line by line. */
    private ApiOutcome<ImportReport> importOutcome(Answer answer) {
        if (answer.status() == 422) {
            ApiOutcome<ImportReport> problem = calls.problem(answer);
            return new ApiOutcome<>(
                    linesOf(answer.body()), null, 422, problem.title(), problem.detail(), problem.fields());
        }
        return calls.outcome(answer, ImportReport.class);
    }

    /** A 422 problem lists each bad line as a field error with its line; shown as a report of errors. */
    private ImportReport linesOf(String body) {
        try {
            JsonNode errors = json.readTree(body).path("errors");
            List<ImportReport.ImportLine> lines = new java.util.ArrayList<>();
            for (JsonNode error : errors) {
                lines.add(new ImportReport.ImportLine(
                        error.path("line").asLong(),
                        error.path("field").asText(null),
                        "error",
                        error.path("message").asText()));
            }
            return new ImportReport(false, 0, 0, 0, lines.size(), lines);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String relationQuery(String type, String from, String to) {
        return "type=" + encode(type) + "&from=" + encode(from) + "&to=" + encode(to);
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
