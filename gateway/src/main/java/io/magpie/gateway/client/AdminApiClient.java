package io.magpie.gateway.client;

import io.magpie.api.security.AdminActor;
import io.magpie.api.security.ServiceCredential;
import io.magpie.gateway.config.GatewayConfig;
import io.magpie.gateway.security.AdminVouching;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Calls a service's admin API on behalf of a signed-in console user, with that user's admin key and, for an admin key
 * the gateway still accepts, its word for the user ({@value AdminActor#HEADER}, docs/adr/0029), so that the service
 * checks and audits the user as it would a direct call, stored keys included. Answers come back as they are (status, ETag, body);
 * an unreachable service is a 503 answer, never an exception.
 */
@ApplicationScoped
public class AdminApiClient {

    /** The services the console talks to, named as their REST clients ({@code quarkus.rest-client.<name>.url}). */
    public enum Service {
        KNOWLEDGE_GRAPH("kg"),
        CATALOGUE("retrieval"),
        ENCODER("encoder"),
        FUSION("fusion");

        private final String client;

        Service(String client) {
            this.client = client;
        }
    }

    /**
     * A service's answer.
     *
     * @param status HTTP status; 503 when the service could not be reached
     * @param etag   the ETag header, or null
     * @param body   the body as text, empty when none
     */
    public record Answer(int status, String etag, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final Logger LOG = Logger.getLogger(AdminApiClient.class);

    private final HttpClient client;
    private final ServiceAddresses addresses;
    private final long timeoutMillis;
    private final Optional<String> serviceCredential;
    private final AdminVouching vouching;

    public AdminApiClient(
            Vertx vertx, ServiceAddresses addresses, GatewayConfig gateway, Config config, AdminVouching vouching) {
        this.client = vertx.createHttpClient();
        this.addresses = addresses;
        this.timeoutMillis = gateway.relay().timeout().toMillis();
        this.serviceCredential = ServiceCredential.configured(config);
        this.vouching = vouching;
    }

    /**
     * @param pathAndQuery for example {@code /v1/admin/graph/nodes?ref=Product%3AB01}, already encoded
     * @param ifMatch      the ETag an update is based on, or null
     * @param contentType  the body's type, or null without a body
     * @param body         the body, or null
     */
    public Uni<Answer> call(
            Service service,
            String method,
            String pathAndQuery,
            String adminKey,
            String ifMatch,
            String contentType,
            String body) {
        return vouching.actorFor("Bearer " + adminKey)
                // a replica that refused the connection never saw the request: another one may take it
                .chain(admin -> addresses.withReplica(
                        service.client,
                        base -> send(options(base, method, pathAndQuery, adminKey, admin, ifMatch, contentType), body)))
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("%s unreachable from the console: %s", service.client, failure.getMessage());
                    return new Answer(
                            503,
                            null,
                            "{\"status\":503,\"title\":\"Service unavailable\",\"detail\":\"" + service.client
                                    + " cannot be reached right now; nothing was changed\"}");
                });
    }

    private RequestOptions options(
            String base,
            String method,
            String pathAndQuery,
            String adminKey,
            Optional<String> admin,
            String ifMatch,
            String contentType) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(method))
                .setAbsoluteURI(base + pathAndQuery)
                .setTimeout(timeoutMillis)
                .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + adminKey)
                .putHeader(HttpHeaders.ACCEPT, "application/json");
        serviceCredential.ifPresent(credential -> options.putHeader(ServiceCredential.HEADER, credential));
        admin.ifPresent(actor -> options.putHeader(AdminActor.HEADER, actor));
        if (ifMatch != null) {
            options.putHeader(HttpHeaders.IF_MATCH, ifMatch);
        }
        if (contentType != null) {
            options.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        }
        return options;
    }

    private Uni<Answer> send(RequestOptions options, String body) {
        return client.request(options)
                .chain(request -> body == null
                        ? request.send()
                        : request.send(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8))))
                .chain(response -> response.body()
                        .map(payload -> new Answer(
                                response.statusCode(), response.getHeader(HttpHeaders.ETAG), payload.toString())));
    }
}
