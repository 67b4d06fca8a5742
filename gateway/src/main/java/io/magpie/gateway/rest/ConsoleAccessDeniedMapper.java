package io.magpie.gateway.rest;

import io.magpie.gateway.console.ConsoleAccessDenied;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers a refused console request with its redirect or page, as a browser needs it. */
public class ConsoleAccessDeniedMapper {

    @ServerExceptionMapper
    public Response refused(ConsoleAccessDenied refusal) {
        return refusal.response();
    }
}
