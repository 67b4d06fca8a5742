package io.magpie.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.magpie.api.keys.ApiKeyScope;
import io.magpie.api.security.AdminOnlyFilter;
import io.magpie.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses what one client must not do to the others, before any work: a body larger than its endpoint allows
 * (413, by Content-Length) and more requests than its key's rate (429 with Retry-After). Rates are token buckets
 * per key (per address for callers without a key), sized by the key's scope ({@link Caller}, configured or stored
 * keys alike): storefront, trusted (eval) or admin.
 * Refusals count in {@code magpie_gateway_refused_total{reason}}.
 */
public class RequestLimitFilter {

    static final String API_PATH = "/api/";

    private final GatewayConfig.Limits limits;
    private final Cache<String, TokenBucket> buckets;
    private final MeterRegistry metrics;

    public RequestLimitFilter(GatewayConfig config, MeterRegistry metrics) {
        this.limits = config.limits();
        this.buckets = Caffeine.newBuilder()
                .maximumSize(limits.trackedKeys())
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
        this.metrics = metrics;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public Response limit(ContainerRequestContext request, HttpServerRequest http, RoutingContext routing) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(API_PATH)) {
            return null;
        }
        long maxBody = maxBody(path, request.getMethod());
        long length = request.getLength();
        if (maxBody > 0 && length > maxBody) {
            metrics.counter("magpie.gateway.refused", "reason", "body").increment();
            return AdminOnlyFilter.problem(
                    413,
                    "Content too large",
                    "the body has " + length + " bytes; " + request.getMethod() + " " + path + " takes at most "
                            + maxBody,
                    path);
        }
        if (!limits.rateLimitsEnabled()) {
            return null;
        }
        Caller caller = Caller.of(routing);
        String client = !caller.anonymous()
                ? "key:" + caller.keyId()
                : "address:"
                        + (http.remoteAddress() == null
                                ? "unknown"
                                : http.remoteAddress().hostAddress());
        TokenBucket bucket = buckets.get(client, c -> newBucket(caller.scope()));
        long retryAfter = bucket.take(System.nanoTime());
        if (retryAfter == 0) {
            return null;
        }
        metrics.counter("magpie.gateway.refused", "reason", "rate").increment();
        Response refusal = AdminOnlyFilter.problem(
                429, "Too many requests", "this key's request rate is used up; retry in " + retryAfter + " s", path);
        return Response.fromResponse(refusal)
                .header(HttpHeaders.RETRY_AFTER, retryAfter)
                .build();
    }

    private TokenBucket newBucket(ApiKeyScope scope) {
        long now = System.nanoTime();
        return switch (scope) {
            case ADMIN -> new TokenBucket(limits.adminPerSecond(), limits.adminBurst(), now);
            case EVAL -> new TokenBucket(limits.trustedPerSecond(), limits.trustedBurst(), now);
            case STOREFRONT -> new TokenBucket(limits.storefrontPerSecond(), limits.storefrontBurst(), now);
        };
    }

    /** The body limit of an endpoint; 0 for none. */
    private long maxBody(String path, String method) {
        if (path.equals("/api/v1/admin/products") && method.equals("POST")) {
            return limits.ingestBodyBytes();
        }
        if (path.startsWith("/api/v1/admin/graph")) {
            return limits.graphImportBodyBytes();
        }
        if (path.startsWith("/api/v1/events")) {
            return limits.eventsBodyBytes();
        }
        return limits.bodyBytes();
    }
}
