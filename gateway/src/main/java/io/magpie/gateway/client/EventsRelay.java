package io.magpie.gateway.client;

import io.magpie.api.events.EventsClient;
import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.gateway.config.EventsRelayConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Calls fusion-service's events endpoints and answers as it answered: its result, or its own problem (an invalid
 * batch, a 413, a 409) with its status; a 503 problem when it cannot be reached in time.
 */
@ApplicationScoped
public class EventsRelay {

    private final EventsClient events;
    private final Duration timeout;

    public EventsRelay(@RestClient EventsClient events, EventsRelayConfig config) {
        this.events = events;
        this.timeout = config.timeout();
    }

    public Uni<Response> relay(Function<EventsClient, Uni<?>> call) {
        return call.apply(events)
                .ifNoItem().after(timeout).fail()
                .map(result -> Response.ok(result, MediaType.APPLICATION_JSON_TYPE).build())
                .onFailure(WebApplicationException.class).recoverWithItem(EventsRelay::relayProblem)
                .onFailure().transform(e -> new ProblemException(503, "Service unavailable",
                        "the events service cannot be reached right now (" + e.getClass().getSimpleName()
                                + "); send the batch again: event ids make a repeat safe"));
    }

    /** fusion-service's own problem (event 3 has an unknown type, the batch is too large) is what callers need. */
    private static Response relayProblem(Throwable failure) {
        Response downstream = ((WebApplicationException) failure).getResponse();
        String body = downstream.hasEntity() ? downstream.readEntity(String.class) : null;
        return Response.status(downstream.getStatus()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
