package io.magpie.api.security;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * A small body limit for every endpoint of an internal service ({@value #MAX_BODY_PROPERTY}, default
 * 10 MiB), and Quarkus's larger {@code quarkus.http.limits.max-body-size} only for the routes
 * listed in {@value #LARGE_ROUTES_PROPERTY} ({@code METHOD /path}, e.g. the streamed NDJSON ingest). A body over
 * its route's limit is answered 413 problem+json by its declared {@code Content-Length}, before anything reads it;
 * a body without a length (chunked) is refused with 411 on the small routes, where every caller knows its length.
 */
public final class BodyLimitFilter implements Handler<RoutingContext> {

    public static final String MAX_BODY_PROPERTY = "magpie.http.max-body-size";
    public static final String LARGE_ROUTES_PROPERTY = "magpie.http.large-body-routes";
    static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    /** After the service credential, before Quarkus's own body check (route order -2). */
    public static final int PRIORITY = 100;

    private final long maxBytes;
    private final List<String> largeRoutes;

    BodyLimitFilter(long maxBytes, List<String> largeRoutes) {
        this.maxBytes = maxBytes;
        this.largeRoutes = largeRoutes;
    }

    public static BodyLimitFilter of(Config config) {
        long maxBytes = config.getOptionalValue(MAX_BODY_PROPERTY, MemorySize.class)
                .map(MemorySize::asLongValue)
                .orElse(DEFAULT_MAX_BYTES);
        List<String> largeRoutes =
                config.getOptionalValues(LARGE_ROUTES_PROPERTY, String.class).orElse(List.of()).stream()
                        .map(route -> route.strip().replaceAll("\\s+", " "))
                        .toList();
        return new BodyLimitFilter(maxBytes, largeRoutes);
    }

    @Override
    public void handle(RoutingContext context) {
        var request = context.request();
        String route = request.method().name() + " " + context.normalizedPath();
        if (largeRoutes.contains(route)) {
            context.next(); // Quarkus's quarkus.http.limits.max-body-size applies
            return;
        }
        Optional<Long> length = declaredLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (length.isPresent() && length.get() > maxBytes) {
            RefusedRequest.answer(
                    context,
                    413,
                    "Content too large",
                    "the body has " + length.get() + " bytes; " + route + " takes at most " + maxBytes);
            return;
        }
        if (length.isEmpty() && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            RefusedRequest.answer(
                    context,
                    411,
                    "Length required",
                    route + " takes at most " + maxBytes + " bytes and needs a Content-Length; only bulk routes"
                            + " take streamed bodies");
            return;
        }
        context.next();
    }

    private static Optional<Long> declaredLength(String header) {
        if (header == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return Optional.of(Long.MAX_VALUE); // unreadable: treat as too large rather than unlimited
        }
    }
}
