package io.magpie.kg.security;

import io.magpie.api.security.ServiceCredential;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Admin calls with exactly the headers a test chooses (RestAssured may add the service credential on its own), for
 * the tests of who kg-service takes for an admin.
 */
final class AdminCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN = "Bearer test-admin-key";

    private final URI base;

    AdminCalls(URI base) {
        this.base = base;
    }

    String uniqueBrand() {
        return "Brand:Vouched-" + UUID.randomUUID().toString().substring(0, 8);
    }

    HttpResponse<String> createNode(String ref, Map<String, String> headers) throws IOException, InterruptedException {
        return send("POST", "/v1/admin/graph/nodes", "{\"ref\":\"" + ref + "\",\"properties\":{}}", headers);
    }

    HttpResponse<String> node(String ref, String credential) throws IOException, InterruptedException {
        return send("GET", "/v1/admin/graph/nodes?ref=" + encode(ref), null, asAdmin(credential));
    }

    /** The actor of the newest audit entry of {@code ref}, read with the configured admin key. */
    String actorOfLastEdit(String ref, String credential) throws IOException, InterruptedException {
        HttpResponse<String> audit =
                send("GET", "/v1/admin/graph/audit?entity=" + encode(ref), null, asAdmin(credential));
        if (audit.statusCode() != 200) {
            throw new AssertionError("audit: " + audit.statusCode() + " " + audit.body());
        }
        return JsonPath.from(audit.body()).getString("entries[0].actor");
    }

    private static Map<String, String> asAdmin(String credential) {
        return credential == null
                ? Map.of("Authorization", ADMIN)
                : Map.of("Authorization", ADMIN, ServiceCredential.HEADER, credential);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.substring(1)))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
