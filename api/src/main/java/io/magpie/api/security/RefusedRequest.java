package io.magpie.api.security;

import io.magpie.api.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Answers a request refused before any endpoint saw it with a problem+json body. */
final class RefusedRequest {

    private RefusedRequest() {}

    /**
     * Ends the exchange with {@code status}. A body still on its way is not read: over HTTP/1 the connection closes
     * after the answer (as Quarkus's own 413 does), so a client that keeps sending can neither hold the server nor
     * desynchronise the next request; over HTTP/2 ending the stream is enough.
     */
    static void answer(RoutingContext context, int status, String title, String detail) {
        var request = context.request();
        var response = context.response();
        if (!request.isEnded() && request.version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.endHandler(ignored -> request.connection().close());
        }
        if (status == 401) {
            response.putHeader(
                    "WWW-Authenticate", "MagpieServiceCredential header=\"" + ServiceCredential.HEADER + "\"");
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(Problem.of(status, title, detail, request.path())));
    }
}
