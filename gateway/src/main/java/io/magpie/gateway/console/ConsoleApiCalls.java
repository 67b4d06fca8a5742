package io.magpie.gateway.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.gateway.client.AdminApiClient;
import io.magpie.gateway.client.AdminApiClient.Answer;
import io.magpie.gateway.client.AdminApiClient.Service;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON in and out of the services' admin APIs for the console, refusals read as {@link ApiOutcome}s. */
@ApplicationScoped
public class ConsoleApiCalls {

    private static final String JSON = "application/json";

    private final AdminApiClient api;
    private final ObjectMapper json;

    public ConsoleApiCalls(AdminApiClient api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    public <T> Uni<ApiOutcome<T>> get(Service service, ConsoleSession user, String path, TypeReference<T> type) {
        return api.call(service, "GET", path, user.adminKey(), null, null, null)
                .map(answer -> outcome(answer, json.getTypeFactory().constructType(type)));
    }

    public <T> Uni<ApiOutcome<T>> send(
            Service service,
            ConsoleSession user,
            String method,
            String path,
            String ifMatch,
            Object body,
            Class<T> type) {
        String text;
        try {
            text = body == null ? null : json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return api.call(service, method, path, user.adminKey(), ifMatch, body == null ? null : JSON, text)
                .map(answer -> outcome(answer, type));
    }

    public <T> ApiOutcome<T> outcome(Answer answer, Class<T> type) {
        return outcome(answer, json.getTypeFactory().constructType(type));
    }

    private <T> ApiOutcome<T> outcome(Answer answer, com.fasterxml.jackson.databind.JavaType type) {
        if (!answer.ok()) {
            return problem(answer);
        }
        try {
            T value = answer.body().isEmpty() || type.getRawClass() == Void.class
                    ? null
                    : json.readValue(answer.body(), type);
            return ApiOutcome.success(value, answer.etag(), answer.status());
        } catch (JsonProcessingException e) {
            return new ApiOutcome<>(null, null, 502, "Unreadable answer", e.getOriginalMessage(), Map.of());
        }
    }

    /** The problem+json of a refusal: title, detail and each field's message. */
    public <T> ApiOutcome<T> problem(Answer answer) {
        Map<String, String> fields = new LinkedHashMap<>();
        String title = "Error " + answer.status();
        String detail = null;
        try {
            JsonNode problem = json.readTree(answer.body().isEmpty() ? "{}" : answer.body());
            title = problem.path("title").asText(title);
            detail = problem.path("detail").isMissingNode()
                    ? null
                    : problem.path("detail").asText();
            for (JsonNode error : problem.path("errors")) {
                fields.merge(
                        error.path("field").asText(""), error.path("message").asText(), (a, b) -> a + "; " + b);
            }
        } catch (JsonProcessingException e) {
            detail = answer.body();
        }
        return new ApiOutcome<>(null, null, answer.status(), title, detail, fields);
    }
}
