package io.magpie.api.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.runtime.filters.Filters;
import org.eclipse.microprofile.config.Config;

/**
 * The guards every internal service (encoder, retrieval, kg, fusion) puts in front of all its routes: the service
 * credential ({@link ServiceCredentialFilter}), then the body limits ({@link BodyLimitFilter}). A service installs
 * them from an observer of Quarkus's {@link Filters} event; the gateway does not (it has API keys and its own
 * limits).
 */
public final class InternalServiceFilters {

    private InternalServiceFilters() {}

    public static void install(Filters filters, Config config) {
        ServiceCredentialFilter.of(config, LaunchMode.current())
                .ifPresent(filter -> filters.register(filter, ServiceCredentialFilter.PRIORITY));
        filters.register(BodyLimitFilter.of(config), BodyLimitFilter.PRIORITY);
    }
}
