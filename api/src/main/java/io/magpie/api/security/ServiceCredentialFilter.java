package io.magpie.api.security;

import io.quarkus.runtime.LaunchMode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Lets through only requests that carry the deployment's service credential in {@value ServiceCredential#HEADER}:
 * every path of an internal service except health ({@code /q/health*}, for the orchestrator's probes) and metrics
 * ({@code /q/metrics}, for Prometheus, which holds no credential); 401 problem+json otherwise. Runs as a Vert.x
 * filter, before any endpoint, OpenAPI or Swagger UI, and before a body is read. Admin endpoints still need an
 * admin key on top ({@link AdminOnlyFilter}).
 *
 * <p>Without a configured credential the check is off, which only the dev and test profiles allow by default; the
 * prod profile refuses to start unless {@value ServiceCredential#DISABLED_PROPERTY}{@code =true} says so explicitly.
 */
public final class ServiceCredentialFilter implements Handler<RoutingContext> {

    /** Runs before the body limit and before Quarkus's own body check (route order -2). */
    public static final int PRIORITY = 200;

    private static final Logger LOG = Logger.getLogger(ServiceCredentialFilter.class);

    private final String credential;

    private ServiceCredentialFilter(String credential) {
        this.credential = credential;
    }

    /**
     * The filter for this configuration, or empty when the check is off.
     *
     * @throws IllegalStateException in the prod profile when no credential is configured and the check is not
     *                               explicitly disabled: a service must not come up open by accident
     */
    public static Optional<ServiceCredentialFilter> of(Config config, LaunchMode mode) {
        Optional<String> credential = ServiceCredential.configured(config);
        if (credential.isPresent()) {
            return credential.map(ServiceCredentialFilter::new);
        }
        boolean disabled = config.getOptionalValue(ServiceCredential.DISABLED_PROPERTY, Boolean.class)
                .orElse(false);
        if (mode == LaunchMode.NORMAL && !disabled) {
            throw new IllegalStateException("no service credential: set " + ServiceCredential.PROPERTY
                    + " (environment MAGPIE_SERVICE_CREDENTIAL), or " + ServiceCredential.DISABLED_PROPERTY
                    + "=true to run this internal service open to anyone who reaches its port");
        }
        LOG.warnf(
                "%s is not set: every endpoint of this service answers without a service credential",
                ServiceCredential.PROPERTY);
        return Optional.empty();
    }

    @Override
    public void handle(RoutingContext context) {
        // the path the router will match, after dot segments are resolved: /q/health/../v1/x is not health
        String path = context.normalizedPath();
        String given = context.request().getHeader(ServiceCredential.HEADER);
        if (isOpen(path) || ServiceCredential.matches(credential, given)) {
            context.next();
            return;
        }
        RefusedRequest.answer(
                context,
                401,
                "Unauthorized",
                "internal services answer only to callers of this deployment: send " + ServiceCredential.HEADER);
    }

    private static boolean isOpen(String path) {
        return path != null
                && (path.equals("/q/health")
                        || path.startsWith("/q/health/")
                        || path.equals("/q/metrics")
                        || path.startsWith("/q/metrics/"));
    }
}
