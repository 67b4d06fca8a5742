package io.magpie.gateway.client;

import io.magpie.api.problem.Problem;
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
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Relays a request to the service that owns it, as it came: method, path, query, body and the headers that matter
 * (the caller's {@code Authorization}, which the service checks again, {@code If-Match}, content type), and answers
 * with the service's status, body, {@code ETag}, {@code Location} and problem as they are. Every gateway route that
 * only forwards goes through here, so a service's answer is never re-interpreted on the way out. For a caller with an
 * admin key (stored keys too, which the services do not know) it vouches with {@value AdminActor#HEADER}
 * (docs/adr/0029); the caller's own headers of that name, or the service credential's, are never forwarded.
 */
@ApplicationScoped
public class ServiceRelay {

    /** The services a route can be relayed to, named as their REST clients ({@code quarkus.rest-client.<name>.url}). */
    public enum Target {
        RETRIEVAL("retrieval", "the catalogue service"),
        KNOWLEDGE_GRAPH("kg", "the knowledge graph service"),
        FUSION("fusion", "the events service");

        private final String client;
        private final String description;

        Target(String client, String description) {
            this.client = client;
            this.description = description;
        }
    }

    private static final Logger LOG = Logger.getLogger(ServiceRelay.class);
    private static final String API_PREFIX = "/api";
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final List<String> REQUEST_HEADERS =
            List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.IF_MATCH, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT);
    private static final List<String> RESPONSE_HEADERS = List.of(
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ETAG,
            HttpHeaders.WWW_AUTHENTICATE,
            HttpHeaders.LOCATION,
            HttpHeaders.RETRY_AFTER);

    private final HttpClient client;
    private final ServiceAddresses addresses;
    private final long timeoutMillis;
    private final long streamTimeoutMillis;
    private final long retryAfterSeconds;
    private final Optional<String> serviceCredential;
    private final AdminVouching vouching;

    public ServiceRelay(
            Vertx vertx, ServiceAddresses addresses, GatewayConfig gateway, Config config, AdminVouching vouching) {
        this.client = vertx.createHttpClient();
        this.addresses = addresses;
        this.timeoutMillis = gateway.relay().timeout().toMillis();
        this.streamTimeoutMillis = gateway.relay().streamTimeout().toMillis();
        this.retryAfterSeconds =
                Math.max(1, gateway.relay().unavailableRetryAfter().toSeconds());
        this.serviceCredential = ServiceCredential.configured(config);
        this.vouching = vouching;
    }

    /** Relays to the same path without the gateway's {@code /api} prefix: {@code /api/v1/x} goes to {@code /v1/x}. */
    public Uni<Response> relay(Target target, String method, UriInfo uri, HttpHeaders headers, byte[] body) {
        return relay(
                target, method, uri.getRequestUri().getRawPath().substring(API_PREFIX.length()), uri, headers, body);
    }

    /**
     * Relays to {@code path} of the target service, with the request's query string.
     *
     * @param body the request body, or null
     */
    public Uni<Response> relay(
            Target target, String method, String path, UriInfo uri, HttpHeaders headers, byte[] body) {
        return vouching.actorFor(headers.getHeaderString(HttpHeaders.AUTHORIZATION))
                // a replica that refused the connection never saw the request: another one may take it
                .chain(admin -> addresses.withReplica(
                        target.client,
                        base -> client.request(options(base, method, path, uri, headers, admin)
                                        .setTimeout(timeoutMillis))
                                .chain(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
                                .chain(response -> response.body().map(payload -> answer(response, payload)))))
                .onFailure()
                .recoverWithItem(failure -> unavailable(target, failure));
    }

    /**
     * Relays a body of any size as it arrives (a bulk ingest): read on the caller's worker thread and written in
     * chunks, each once the previous one has left, so neither side holds the whole body.
     */
    public Response relayStream(
            Target target, String method, String path, UriInfo uri, HttpHeaders headers, InputStream body) {
        try {
            Optional<String> admin = vouching.actorFor(headers.getHeaderString(HttpHeaders.AUTHORIZATION))
                    .await()
                    .indefinitely();
            // nothing of the body is read before the connection stands: a refusing replica is passed over
            HttpClientRequest request = addresses
                    .withReplica(
                            target.client,
                            base -> client.request(options(base, method, path, uri, headers, admin)
                                    .setTimeout(streamTimeoutMillis)))
                    .await()
                    .indefinitely();
            request.setChunked(true);
            // Listen for the answer before sending: the service may answer (say, 413 or 401) before the body ends.
            Uni<Response> answer = request.response()
                    .chain(response -> response.body().map(payload -> answer(response, payload)))
                    .memoize()
                    .indefinitely();
            answer.subscribe().with(ignored -> {}, ignored -> {});
            byte[] chunk = new byte[CHUNK_BYTES];
            for (int read = body.read(chunk); read >= 0; read = body.read(chunk)) {
                if (read > 0) {
                    request.write(Buffer.buffer(Arrays.copyOf(chunk, read)))
                            .await()
                            .indefinitely();
                }
            }
            request.end().await().indefinitely();
            return answer.await().indefinitely();
        } catch (IOException | RuntimeException e) {
            return unavailable(target, e);
        }
    }

    private RequestOptions options(
            String base, String method, String path, UriInfo uri, HttpHeaders headers, Optional<String> admin) {
        String query = uri.getRequestUri().getRawQuery();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(method))
                .setAbsoluteURI(base + path + (query == null ? "" : "?" + query));
        for (String name : REQUEST_HEADERS) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                options.putHeader(name, value);
            }
        }
        serviceCredential.ifPresent(credential -> options.putHeader(ServiceCredential.HEADER, credential));
        admin.ifPresent(actor -> options.putHeader(AdminActor.HEADER, actor));
        return options;
    }

    private static Response answer(HttpClientResponse response, Buffer payload) {
        Response.ResponseBuilder answer = Response.status(response.statusCode());
        for (String name : RESPONSE_HEADERS) {
            String value = response.getHeader(name);
            if (value != null) {
                answer.header(name, value);
            }
        }
        return payload.length() == 0
                ? answer.build()
                : answer.entity(payload.getBytes()).build();
    }

    private Response unavailable(Target target, Throwable failure) {
        LOG.warnf("%s unreachable: %s", target.client, failure.getMessage());
        return Response.status(503)
                // a restarted service is back within seconds: clients (a storefront resending events) know when
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(
                        503,
                        "Service unavailable",
                        target.description + " cannot be reached right now; nothing was changed by this call",
                        null))
                .build();
    }
}
