package io.magpie.encoder.rest;

import io.magpie.api.security.InternalServiceFilters;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

/** Puts the internal-service guards (service credential, body limits; docs/adr/0026) in front of every route. */
@ApplicationScoped
public class InternalRouteGuards {

    void install(@Observes Filters filters, Config config) {
        InternalServiceFilters.install(filters, config);
    }
}
