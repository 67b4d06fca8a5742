package io.magpie.gateway.client;

import io.magpie.api.problem.Problem;
import io.magpie.gateway.config.GraphProxyConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Relays a request to kg-service as it came (method, path under {@code /api}, query, body, and the headers that
 * matter: the caller's {@code Authorization}, so kg-service checks the admin key again, and {@code If-Match}) and
 * answers with kg-service's status, body, {@code ETag} and problem as they are. One relay serves every graph admin
 * and related-products route, so a new kg-service endpoint needs no gateway code beyond its route.
 */
@ApplicationScoped
public class KnowledgeGraphRelay {

    private static final Logger LOG = Logger.getLogger(KnowledgeGraphRelay.class);
    private static final String API_PREFIX = "/api";
    private static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.IF_MATCH,
            HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT);
    private static final List<String> RESPONSE_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG,
            HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.LOCATION);

    private final HttpClient client;
    private final String baseUrl;
    private final long timeoutMillis;

    public KnowledgeGraphRelay(Vertx vertx, @ConfigProperty(name = "quarkus.rest-client.kg.url") String baseUrl,
                               GraphProxyConfig config) {
        this.client = vertx.createHttpClient();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeoutMillis = config.timeout().toMillis();
    }

    /**
     * @param uri     the gateway request; {@code /api/v1/...} goes to kg-service's {@code /v1/...}
     * @param headers the gateway request's headers
     * @param body    the request body, or null
     */
    public Uni<Response> relay(String method, UriInfo uri, HttpHeaders headers, byte[] body) {
        String path = uri.getRequestUri().getRawPath().substring(API_PREFIX.length());
        String query = uri.getRequestUri().getRawQuery();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(method))
                .setAbsoluteURI(baseUrl + path + (query == null ? "" : "?" + query))
                .setTimeout(timeoutMillis);
        for (String name : REQUEST_HEADERS) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                options.putHeader(name, value);
            }
        }
        return client.request(options)
                .chain(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
                .chain(response -> response.body().map(payload -> answer(response, payload)))
                .onFailure().recoverWithItem(KnowledgeGraphRelay::unavailable);
    }

    private static Response answer(HttpClientResponse response, Buffer payload) {
        Response.ResponseBuilder answer = Response.status(response.statusCode());
        for (String name : RESPONSE_HEADERS) {
            String value = response.getHeader(name);
            if (value != null) {
                answer.header(name, value);
            }
        }
        return payload.length() == 0 ? answer.build() : answer.entity(payload.getBytes()).build();
    }

    private static Response unavailable(Throwable failure) {
        LOG.warnf("kg-service unreachable: %s", failure.getMessage());
        return Response.status(503).type(Problem.MEDIA_TYPE).entity(Problem.of(503, "Service unavailable",
                "the knowledge graph service cannot be reached right now; nothing was changed by this call", null))
                .build();
    }
}
