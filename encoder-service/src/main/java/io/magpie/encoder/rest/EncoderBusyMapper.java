package io.magpie.encoder.rest;

import io.magpie.api.problem.Problem;
import io.magpie.encoder.service.EncoderBusyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A full queue is a 503 problem with Retry-After, so well-behaved callers back off. */
public class EncoderBusyMapper {

    @ServerExceptionMapper
    public Response busy(EncoderBusyException e, UriInfo uri) {
        return Response.status(503)
                .header("Retry-After", e.retryAfterSeconds())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(503, e.title(), e.getMessage(), uri.getPath()))
                .build();
    }
}
